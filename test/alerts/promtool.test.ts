/**
 * The rule files as Prometheus sees them: `promtool check rules` on every environment's files, and
 * `promtool test rules` with a firing and a quiet case for every alert (written next to its definition).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import {
  builtinRuleFiles,
  DEFAULT_RULES_CONTEXT,
  promtoolTestFiles,
  renderPromtoolTests,
  renderRuleFile,
  resolvedAlerts,
  resolveFiles,
  ruleFileName,
} from '../../alerts';
import { builtinEnvironmentNames } from '../../src/config/load';
import { tempDir } from '../helpers/cli';
import { CONTRACT_JOBS } from '../helpers/contracts';
import { stackOf } from '../helpers/stack';
import { requireTool, runTool, runToolAsync } from '../helpers/tools';

/** Every rule rendered, as for an environment that scrapes every job. */
function referenceFiles() {
  return resolveFiles(builtinRuleFiles(DEFAULT_RULES_CONTEXT), { jobs: CONTRACT_JOBS, overrides: {}, runbookBaseUrl: 'https://runbooks.test/monstack' });
}

describe('rule files under promtool', () => {
  before(() => requireTool('promtool'));

  for (const env of builtinEnvironmentNames()) {
    it(`${env}: promtool check rules accepts every rule file`, () => {
      const files = stackOf(env).prometheus!.renderedRuleFiles;
      assert.ok(files.size > 0, 'Prometheus has rule files');
      const dir = tempDir(`monstack-rules-${env}-`);
      for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
      const r = runTool('promtool', ['check', 'rules', ...files.keys()], dir);
      assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    });
  }

  it('every alert fires in one promtool case and stays quiet in another', async () => {
    const files = referenceFiles();
    const dir = tempDir('monstack-promtool-');
    for (const f of files) fs.writeFileSync(path.join(dir, ruleFileName(f)), renderRuleFile(f));
    const tests = promtoolTestFiles(files);
    // Every alert of the reference rendering is covered; only the Watchdog lacks a quiet case.
    const cases = [...tests.values()].flatMap((t) => t.tests as { name: string }[]).map((t) => t.name);
    for (const a of resolvedAlerts(files)) {
      assert.ok(cases.includes(`${a.name} fires`), `${a.name} has a firing case`);
      if (a.name !== 'Watchdog') assert.ok(cases.includes(`${a.name} stays quiet`), `${a.name} has a quiet case`);
    }
    for (const [name, test] of tests) fs.writeFileSync(path.join(dir, name), renderPromtoolTests(test));
    const results = await Promise.all([...tests.keys()].map(async (name) => ({ name, r: await runToolAsync('promtool', ['test', 'rules', name], dir) })));
    const failed = results.filter(({ r }) => r.status !== 0);
    assert.deepEqual(failed.map((f) => f.name), [], failed.map(({ name, r }) => `${name}:\n${r.stdout}${r.stderr}`).join('\n'));
  });

  it('a wrong expectation makes promtool fail (the tests can fail)', () => {
    const files = referenceFiles().filter((f) => f.name === 'self-monitoring');
    const dir = tempDir('monstack-promtool-neg-');
    for (const f of files) fs.writeFileSync(path.join(dir, ruleFileName(f)), renderRuleFile(f));
    // One firing case, as generated and with a wrong severity: the first must pass, the second fail.
    const test = promtoolTestFiles(files).get('self-monitoring.test.yaml')!;
    const warning = test.tests.find((t) => JSON.stringify(t).includes('"severity":"warning"'))!;
    const asGenerated = { ...test, tests: [warning] };
    const broken = { ...test, tests: [JSON.parse(JSON.stringify(warning).replace('"severity":"warning"', '"severity":"critical"'))] };
    fs.writeFileSync(path.join(dir, 'generated.test.yaml'), renderPromtoolTests(asGenerated));
    fs.writeFileSync(path.join(dir, 'broken.test.yaml'), renderPromtoolTests(broken));
    const passing = runTool('promtool', ['test', 'rules', 'generated.test.yaml'], dir);
    assert.equal(passing.status, 0, `${passing.stdout}${passing.stderr}`);
    const failing = runTool('promtool', ['test', 'rules', 'broken.test.yaml'], dir);
    assert.notEqual(failing.status, 0);
    assert.match(`${failing.stdout}${failing.stderr}`, /severity="warning"/);
  });
});
