/**
 * The PromQL check in a worker thread gives what it gives in this thread, for every built-in
 * environment and for a stack with seeded problems; where the worker cannot help (one core, a
 * worker gone, an input the check throws on) the check runs here and throws what it throws here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { catalogueLookup } from '../../constructs/catalogues';
import { builtinEnvironmentNames } from '../../src/config/load';
import { inThisThread, startPromqlChecker } from '../../src/checks/promql-check-pool';
import { PromqlCheckInput } from '../../src/checks/promql-check-input';
import { promqlFindings } from '../../src/checks/promql-findings';
import { stackCheckParts } from '../../src/checks/stack-check';
import { KubernetesPlatform } from '../../src/render/kubernetes/platform';
import { stackOf } from '../helpers/stack';

function inputOf(stack: ReturnType<typeof stackOf>): PromqlCheckInput {
  const platform = new KubernetesPlatform(stack.environment.namespace);
  return stack.inOnePass(() => stackCheckParts(stack, platform, catalogueLookup(stack.environment.application.job)).promql!);
}

/** prod with a rule and a panel that the checker refuses, and one it warns about. */
function seededInput(): PromqlCheckInput {
  const stack = stackOf('prod');
  const rules = [
    { alert: 'WrongLabel', expr: 'sum by (agent) (rate(training_episodes_total[5m])) > 0' },
    { alert: 'GaugeRate', expr: 'rate(federation_active_agents[5m]) > 0' },
    { alert: 'ShortWindow', expr: 'rate(training_episodes_total[1m]) > 0' },
  ];
  stack.prometheus!.addRuleFile('seeded.yaml', JSON.stringify({ groups: [{ name: 'seeded', rules }] }));
  return inputOf(stack);
}

describe('the PromQL check in a worker thread', () => {
  const checker = startPromqlChecker(2);
  after(() => checker.close());

  for (const env of builtinEnvironmentNames()) {
    it(`${env}: the same findings as in this thread`, async () => {
      const input = inputOf(stackOf(env));
      // What the worker receives is a structured clone: an input that did not clone would be checked here.
      assert.deepEqual(structuredClone(input), input);
      assert.deepEqual(await checker.findings(input), promqlFindings(input));
    });
  }

  it('a stack with seeded problems: the same problems and warnings, in the same order', async () => {
    const input = seededInput();
    const here = promqlFindings(input);
    assert.ok(here.problems.some((p) => p.includes('WrongLabel') && p.includes('"agent"')), here.problems.join('\n'));
    assert.ok(here.problems.some((p) => p.includes('GaugeRate') && p.includes('federation_active_agents')), here.problems.join('\n'));
    assert.ok(here.warnings.some((w) => w.includes('ShortWindow') && w.includes('fewer than four samples')), here.warnings.join('\n'));
    assert.deepEqual(await checker.findings(input), here);
  });

  it('several environments at once: each gets its own findings', async () => {
    const inputs = [inputOf(stackOf('dev')), seededInput(), inputOf(stackOf('staging'))];
    const got = await Promise.all(inputs.map((i) => checker.findings(i)));
    assert.deepEqual(got, inputs.map(promqlFindings));
  });

  it('an input the check throws on: thrown here, with the message the check gives in this thread', async () => {
    const broken = { ...inputOf(stackOf('dev')), config: null } as unknown as PromqlCheckInput;
    const thrown = (() => {
      try {
        promqlFindings(broken);
      } catch (e) {
        return e as Error;
      }
      throw new Error('the broken input did not throw');
    })();
    await assert.rejects(checker.findings(broken), (e: Error) => e.constructor === thrown.constructor && e.message === thrown.message);
  });
});

describe('the PromQL check where a worker cannot help', () => {
  it('one core: checked in this thread', () => {
    assert.equal(startPromqlChecker(1), inThisThread);
  });

  it('after close (or a worker that died): checked here, with the same findings', async () => {
    const checker = startPromqlChecker(2);
    checker.close();
    const input = seededInput();
    assert.deepEqual(await checker.findings(input), promqlFindings(input));
  });
});

describe('the checker and the process', () => {
  const pool = path.join(__dirname, '..', '..', 'src', 'checks', 'promql-check-pool.js');
  for (const [what, script] of [
    ['started and never asked', `require(${JSON.stringify(pool)}).sharedPromqlChecker()`],
    ['asked once and idle since', `const c = require(${JSON.stringify(pool)}).startPromqlChecker(2); c.findings({ uses: [], available: new Set(), families: new Map(), rules: [], dashboardQueries: [], templateUses: [], variables: [], config: {} }).then(() => console.log('checked'))`],
  ] as const) {
    it(`${what}: an idle worker does not keep the process alive`, () => {
      const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.signal, null, 'the process did not exit by itself');
      assert.equal(r.status, 0, r.stderr);
      if (what.startsWith('asked')) assert.equal(r.stdout.trim(), 'checked');
    });
  }
});
