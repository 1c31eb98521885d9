import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { execFileSync, spawnSync } from 'node:child_process';
import { CLI, monstack, snapshot, tempDir } from '../helpers/cli';

describe('synth on bad input', () => {
  let out: string;
  let before_: Map<string, string>;
  const envDir = tempDir('monstack-bad-');

  before(() => {
    out = tempDir('monstack-out-');
    const first = monstack(['synth', '--env', 'dev', '--out', out]);
    assert.equal(first.status, 0, first.stderr);
    before_ = snapshot(out);
  });

  const cases: { name: string; file: string; text: string; message: RegExp }[] = [
    { name: 'an unknown key', file: 'unknown-key.yaml', text: 'extends: dev\ncomponents:\n  grafana:\n    replicaz: 2\n', message: /unknown-key\.yaml:4: components\.grafana\.replicaz: unknown key/ },
    { name: 'broken YAML', file: 'broken.yaml', text: 'extends: dev\ncomponents: {prometheus: [\n', message: /broken\.yaml:\d+: invalid YAML/ },
    { name: 'a wrong type', file: 'wrong-type.yaml', text: 'extends: prod\ncompose:\n  bindAddress: 8\n', message: /wrong-type\.yaml:3: compose\.bindAddress: must be of type string/ },
    { name: 'a replica count the component refuses', file: 'two-nodes.yaml', text: 'extends: dev\ncomponents:\n  elasticsearch:\n    replicas: 2\n', message: /two-nodes\.yaml:4: components\.elasticsearch\.replicas: 2 copies of elasticsearch do not work: 2 nodes cannot keep a master/ },
    { name: 'a missing base', file: 'missing-base.yaml', text: 'extends: ./nowhere.yaml\n', message: /missing-base\.yaml:1: extends: "\.\/nowhere\.yaml" names no file/ },
  ];

  for (const c of cases) {
    it(`fails on ${c.name}, names it, and leaves the previous output as it was`, () => {
      const file = path.join(envDir, c.file);
      fs.writeFileSync(file, c.text);
      const r = monstack(['synth', '--env', 'dev', '--env', file, '--out', out]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, c.message);
      assert.equal(r.stdout, '');
      assert.deepEqual(snapshot(out), before_);
      // No staging directory left behind.
      assert.deepEqual(fs.readdirSync(out).sort(), ['.monstack-output', 'compose', 'k8s', 'operator', 'runbooks']);
    });
  }

  it('refuses an environment that is a device or a FIFO at once, rather than reading it for ever', () => {
    const fifo = path.join(envDir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    for (const file of ['/dev/zero', fifo]) {
      const r = spawnSync(process.execPath, [CLI, 'synth', '--env', file, '--out', out], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.signal, null, `synth --env ${file} did not finish`);
      assert.equal(r.status, 1);
      assert.equal(r.stderr, `${file}: is not a regular file (a device, a FIFO or a socket): name an environment file\n`);
      assert.deepEqual(snapshot(out), before_);
    }
  });

  // An extension adds a rule the way a user would; the synth-time check must catch what promtool would
  // only catch at runtime (a metric nothing exposes) and name the rule.
  const ruleCases: { name: string; expr: string; message: RegExp }[] = [
    { name: 'a metric name typo', expr: 'up{job="prometheus"} == 0 or absent(upp)', message: /rule file extra\.yaml, group extra, alert Typo: reads "upp".*did you mean "up"/ },
    { name: 'a broken expression', expr: 'sum(rate(up[5m])', message: /rule file extra\.yaml, group extra, alert Typo: syntax error at column/ },
  ];
  for (const c of ruleCases) {
    it(`fails on an alert with ${c.name}, naming the alert, and writes nothing`, () => {
      const module = path.join(envDir, `extra-rule-${ruleCases.indexOf(c)}.js`);
      const rule = { groups: [{ name: 'extra', rules: [{ alert: 'Typo', expr: c.expr }] }] };
      fs.writeFileSync(module, `exports.extend = (stack) => stack.prometheus.addRuleFile('extra.yaml', ${JSON.stringify(JSON.stringify(rule))});\n`);
      const file = path.join(envDir, `extra-rule-${ruleCases.indexOf(c)}.yaml`);
      fs.writeFileSync(file, `extends: dev\nextensions: [./${path.basename(module)}]\n`);
      const r = monstack(['synth', '--env', file, '--out', out]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, c.message);
      assert.deepEqual(snapshot(out), before_);
    });
  }

  it('fails on an unknown environment name', () => {
    const r = monstack(['synth', '--env', 'qa', '--out', out]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /qa: no such environment/);
    assert.deepEqual(snapshot(out), before_);
  });

  it('writes an environment that extends prod', () => {
    const file = path.join(envDir, 'eu-prod.yaml');
    fs.writeFileSync(file, 'extends: prod\nnamespace: monitoring-eu\n');
    const fresh = tempDir('monstack-eu-');
    const r = monstack(['synth', '--env', file, '--out', fresh]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /k8s\/eu-prod\//);
    assert.match(fs.readFileSync(path.join(fresh, 'k8s', 'eu-prod', '00-namespace.yaml'), 'utf8'), /name: monitoring-eu/);
  });
});
