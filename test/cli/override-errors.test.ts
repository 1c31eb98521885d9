/**
 * The library refuses an alert override with its key path (AlertOverrideError); the CLI names the
 * environment file and line that set it, also when an extension module is what read the alerts.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { monstack, tempDir } from '../helpers/cli';

describe('an override the library refuses', () => {
  const dir = tempDir('monstack-override-errors-');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is placed at its file and line when an extension reads the alerts', () => {
    const module = path.join(dir, 'count-alerts.js');
    fs.writeFileSync(module, 'exports.extend = (stack) => {\n  if (stack.alerting.alerts.length === 0) throw new Error("no alerts");\n};\n');
    const env = path.join(dir, 'env.yaml');
    fs.writeFileSync(env, 'extends: dev\nextensions: [./count-alerts.js]\nalerting:\n  rules:\n    HostHighCpuUsag:\n      for: 5m\n');
    const r = monstack(['synth', '--env', env, '--out', path.join(dir, 'out')]);
    assert.equal(r.status, 1);
    const place = `${env}:5: alerting.rules.HostHighCpuUsag: no alert is named "HostHighCpuUsag" (did you mean "HostHighCpuUsage"?)`;
    assert.ok(r.stderr.startsWith(`${module}: extend failed: ${place}`), r.stderr);
    assert.ok(!fs.existsSync(path.join(dir, 'out')), 'nothing written');
  });
});
