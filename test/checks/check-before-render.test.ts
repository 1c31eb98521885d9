/**
 * Synth checks an environment and renders it in one pass, the PromQL check in a worker thread while the
 * targets render; what it reports is what checking first, then rendering, would report: the check's
 * problems before any error of the render, its warnings before the render's error, the same units.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startPromqlChecker } from '../../src/checks/promql-check-pool';
import { StackCheckError } from '../../src/checks/stack-check';
import { renderStack, renderStackChecking } from '../../src/synth';
import { stackOf } from '../helpers/stack';

type Stack = ReturnType<typeof stackOf>;

function withRule(stack: Stack, expr: string): Stack {
  stack.prometheus!.addRuleFile('seeded.yaml', JSON.stringify({ groups: [{ name: 'seeded', rules: [{ alert: 'Seeded', expr }] }] }));
  return stack;
}

/** A render that fails after the checks (the runbooks are rendered last). */
function failingRender(stack: Stack): Stack {
  stack.alerting.runbooks = () => {
    throw new Error('the runbooks would not render');
  };
  return stack;
}

const REFUSED = 'sum by (agent) (rate(training_episodes_total[5m])) > 0';
const WARNED = 'rate(training_episodes_total[1m]) > 0';

describe('check before render', () => {
  const checker = startPromqlChecker(2);
  after(() => checker.close());
  const ways = {
    'in this thread': async (stack: Stack, warn: (m: string) => void) => renderStack(stack, ['k8s', 'compose'], warn),
    'with the worker': (stack: Stack, warn: (m: string) => void) => renderStackChecking(stack, ['k8s', 'compose'], checker, warn),
  };

  for (const [way, run] of Object.entries(ways)) {
    it(`${way}: the check's problems, not the render's error`, async () => {
      await assert.rejects(run(failingRender(withRule(stackOf('prod'), REFUSED)), () => undefined), (e: Error) => e instanceof StackCheckError && /agent/.test(e.message));
    });

    it(`${way}: the warnings, then the render's error`, async () => {
      const warnings: string[] = [];
      await assert.rejects(run(failingRender(withRule(stackOf('prod'), WARNED)), (m) => warnings.push(m)), /the runbooks would not render/);
      assert.ok(warnings.some((w) => w.includes('fewer than four samples')), warnings.join('\n'));
    });
  }

  it('the same units and warnings either way', async () => {
    const here: string[] = [];
    const there: string[] = [];
    const a = await ways['in this thread'](withRule(stackOf('staging'), WARNED), (m) => here.push(m));
    const b = await ways['with the worker'](withRule(stackOf('staging'), WARNED), (m) => there.push(m));
    assert.deepEqual(b, a);
    assert.deepEqual(there, here);
    assert.ok(here.length > 0);
  });
});
