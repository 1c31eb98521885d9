/** Per-environment alert settings, as a user writes them in an environment file, and the runbooks synth writes. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { buildStack } from '../../src/build-stack';
import { loadEnvironment } from '../../src/config/load';
import { monstack, snapshot, tempDir } from '../helpers/cli';
import { stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

function writeEnv(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function alertsIn(ruleFiles: ReadonlyMap<string, string>): Map<string, Doc> {
  const alerts = new Map<string, Doc>();
  for (const text of ruleFiles.values()) for (const g of (yaml.load(text) as Doc).groups) for (const r of g.rules) if (r.alert) alerts.set(r.alert, r);
  return alerts;
}

describe('alerting settings of an environment', () => {
  const dir = tempDir('monstack-alerting-');

  it('turns an alert off, changes for, severity and thresholds in one environment only', async () => {
    const file = writeEnv(
      dir,
      'quiet-prod.yaml',
      [
        'extends: prod',
        'alerting:',
        '  rules:',
        '    TrainingStalled:',
        '      enabled: false',
        '    HostHighCpuUsage:',
        '      for: 30m',
        '      severity: critical',
        '      thresholds:',
        '        cpuPercent: 80',
        '',
      ].join('\n'),
    );
    const alerts = alertsIn((await buildStack(loadEnvironment(file))).prometheus!.renderedRuleFiles);
    assert.ok(!alerts.has('TrainingStalled'));
    const cpu = alerts.get('HostHighCpuUsage');
    assert.equal(cpu.for, '30m');
    assert.equal(cpu.labels.severity, 'critical');
    assert.equal(cpu.expr, 'instance:node_cpu_busy:rate5m * 100 > 80');
    const prod = alertsIn(stackOf('prod').prometheus!.renderedRuleFiles);
    assert.ok(prod.has('TrainingStalled'));
    assert.equal(prod.get('HostHighCpuUsage').expr, 'instance:node_cpu_busy:rate5m * 100 > 90');
  });

  it('leaves out the alerts of components an environment turns off', async () => {
    const file = writeEnv(dir, 'no-alertmanager.yaml', 'extends: dev\ncomponents:\n  alertmanager:\n    enabled: false\n');
    const alerts = alertsIn((await buildStack(loadEnvironment(file))).prometheus!.renderedRuleFiles);
    assert.ok(!alerts.has('AlertmanagerNotificationsFailed'));
    assert.ok(alerts.has('Watchdog'));
  });

  it('takes alerts from an extension module, which the environment may then override', async () => {
    const alertsModule = path.resolve(__dirname, '..', '..', 'alerts', 'index.js');
    fs.writeFileSync(
      path.join(dir, 'redis-memory.js'),
      `const { alert, percent, series } = require(${JSON.stringify(alertsModule)});
exports.extend = (stack) => stack.alerting.addGroup('custom', {
  name: 'custom.redis',
  rules: [alert({
    name: 'RedisMemoryHigh',
    expr: (t) => 'redis_memory_used_bytes / redis_memory_max_bytes * 100 > ' + t.percent,
    for: '10m', severity: 'warning', team: 'infrastructure', component: 'cache',
    thresholds: { percent: percent(90) },
    summary: 'Redis memory is nearly full', description: 'Redis uses most of its maxmemory.',
    runbook: { symptoms: 'Evictions.', investigation: ['Check big keys.'], resolution: ['Raise maxmemory.'] },
    tests: {
      fires: { series: [series('redis_memory_used_bytes{job="redis-exporter"}', '95x20'), series('redis_memory_max_bytes{job="redis-exporter"}', '100x20')], at: '15m', labels: { job: 'redis-exporter' } },
      quiet: { series: [series('redis_memory_used_bytes{job="redis-exporter"}', '5x20'), series('redis_memory_max_bytes{job="redis-exporter"}', '100x20')], at: '15m' },
    },
  })],
});
`,
    );
    const file = writeEnv(dir, 'with-extension.yaml', 'extends: prod\nextensions: [./redis-memory.js]\nalerting:\n  rules:\n    RedisMemoryHigh:\n      thresholds:\n        percent: 80\n');
    const stack = (await buildStack(loadEnvironment(file)));
    const alerts = alertsIn(stack.prometheus!.renderedRuleFiles);
    assert.equal(alerts.get('RedisMemoryHigh').expr, 'redis_memory_used_bytes / redis_memory_max_bytes * 100 > 80');
    assert.ok(stack.alerting.runbooks().has('RedisMemoryHigh.md'));
  });

  it('runbook links follow the environment\'s runbookBaseUrl', async () => {
    const file = writeEnv(dir, 'links.yaml', 'extends: dev\nrunbookBaseUrl: https://wiki.example.org/runbooks/dev\n');
    const alerts = alertsIn((await buildStack(loadEnvironment(file))).prometheus!.renderedRuleFiles);
    assert.equal(alerts.get('PoorModelPerformance').annotations.runbook_url, 'https://wiki.example.org/runbooks/dev/PoorModelPerformance.md');
  });

  it('routes without notifying in dev, and notifies in prod', () => {
    assert.deepEqual(stackOf('dev').alerting.routing.render('/s').secretFiles, []);
    assert.equal(stackOf('prod').alerting.routing.render('/s').secretFiles.length, 5);
  });
});

describe('synth with bad alerting settings', () => {
  const dir = tempDir('monstack-alerting-bad-');
  let out: string;
  let first: Map<string, string>;

  before(() => {
    out = tempDir('monstack-alerting-out-');
    assert.equal(monstack(['synth', '--env', 'dev', '--out', out]).status, 0);
    first = snapshot(out);
  });

  const cases: { name: string; file: string; text: string; message: RegExp }[] = [
    {
      name: 'an unknown alert name',
      file: 'unknown-alert.yaml',
      text: 'extends: dev\nalerting:\n  rules:\n    HostHighCPUUsage:\n      enabled: false\n',
      message: /unknown-alert\.yaml:4: alerting\.rules\.HostHighCPUUsage: no alert is named "HostHighCPUUsage" \(did you mean "HostHighCpuUsage"\?\)/,
    },
    {
      name: 'an unknown threshold',
      file: 'unknown-threshold.yaml',
      text: 'extends: dev\nalerting:\n  rules:\n    HostHighCpuUsage:\n      thresholds:\n        cpu: 80\n',
      message: /unknown-threshold\.yaml:6: alerting\.rules\.HostHighCpuUsage\.thresholds\.cpu: HostHighCpuUsage has no threshold "cpu"; its thresholds: cpuPercent/,
    },
    {
      name: 'an unknown override key',
      file: 'unknown-key.yaml',
      text: 'extends: dev\nalerting:\n  rules:\n    HostHighCpuUsage:\n      severty: critical\n',
      message: /unknown-key\.yaml:5: alerting\.rules\.HostHighCpuUsage\.severty: unknown key \(did you mean "severity"\?\)/,
    },
    { name: 'a bad severity', file: 'bad-severity.yaml', text: 'extends: dev\nalerting:\n  rules:\n    HostHighCpuUsage:\n      severity: page\n', message: /bad-severity\.yaml:5: alerting\.rules\.HostHighCpuUsage\.severity/ },
  ];

  for (const c of cases) {
    it(`fails on ${c.name}, names file, line and key path, and writes nothing`, () => {
      const file = writeEnv(dir, c.file, c.text);
      const r = monstack(['synth', '--env', file, '--out', out]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, c.message);
      assert.deepEqual(snapshot(out), first);
    });
  }
});

describe('runbooks in the output', () => {
  it('writes a runbook per alert and an index, where runbook_url points', () => {
    const out = tempDir('monstack-runbooks-');
    const r = monstack(['synth', '--env', 'prod', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    const dir = path.join(out, 'runbooks', 'prod');
    const alerts = alertsIn(stackOf('prod').prometheus!.renderedRuleFiles);
    const index = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    for (const [name, rule] of alerts) {
      assert.ok(fs.existsSync(path.join(dir, `${name}.md`)), `${name}.md`);
      assert.ok(rule.annotations.runbook_url.endsWith(`/${name}.md`));
      assert.ok(index.includes(`](${name}.md)`), `index links ${name}`);
    }
    // One runbook per alert and the index; synth's list of what it wrote is not a runbook.
    assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.md')).length, alerts.size + 1);
    const poor = fs.readFileSync(path.join(dir, 'PoorModelPerformance.md'), 'utf8');
    assert.match(poor, /## Symptoms\n\nLow episode rewards and high training loss\./);
    assert.match(poor, /Adjust the learning rate or other hyperparameters\./);
    assert.match(fs.readFileSync(path.join(dir, 'AgentNetworkPartition.md'), 'utf8'), /Restart the affected agents\./);
    assert.match(fs.readFileSync(path.join(dir, 'HostHighMemoryUsage.md'), 'utf8'), /Identify|Find the processes/);
  });
});
