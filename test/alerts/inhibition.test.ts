/**
 * Inhibition proved by Alertmanager itself (Debian's prometheus-alertmanager): prod's generated
 * alertmanager.yml is loaded, every alert of the rule model is posted with the labels its generated
 * rule gives it (rule labels, the labels its expression keeps, Prometheus' external labels), and
 * Alertmanager's API says which it suppresses and by which alert.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { ResolvedAlert } from '../../alerts';
import { tempDir } from '../helpers/cli';
import { ApiAlert, inhibitionOf, Labels, TestAlertmanager } from '../helpers/alertmanager';
import { kubernetesSpecs, specNamed, stackOf } from '../helpers/stack';

const ENV = 'prod';

/**
 * What each alert is silenced by when every alert fires at once with its test labels (which put the
 * host alerts on one node, the training alerts on one trainer, …); an alert not listed stays active.
 */
const SILENCED_BY: Readonly<Record<string, readonly string[]>> = {
  // Same component, same instance: a critical silences the warnings and notes.
  PrometheusRuleFailures: ['PrometheusNotificationsFailing'],
  PrometheusConfigReloadFailed: ['PrometheusNotificationsFailing'],
  AlertmanagerConfigReloadFailed: ['AlertmanagerNotificationsFailed'],
  HostHighCpuUsage: ['DiskWillFillIn4Hours'],
  HostHighMemoryUsage: ['DiskWillFillIn4Hours'],
  HostDiskSpaceLow: ['DiskWillFillIn4Hours'],
  DiskWillFillIn24Hours: ['DiskWillFillIn4Hours'],
  MemoryWillRunOut: ['DiskWillFillIn4Hours'],
  // …and a warning the notes.
  CpuSaturationForecast: ['DiskWillFillIn4Hours', 'HostHighCpuUsage', 'HostHighMemoryUsage', 'HostDiskSpaceLow', 'DiskWillFillIn24Hours', 'MemoryWillRunOut'],
  PostgresTooManyConnections: ['PostgresDown'],
  AgentsDisconnecting: ['AgentNetworkPartition'],
  ParameterDivergenceHigh: ['AgentNetworkPartition'],
  // An SLO's faster burn silences its slower burns.
  RequestSuccessErrorBudgetBurn6h: ['RequestSuccessErrorBudgetBurn1h'],
  RequestSuccessErrorBudgetBurn1d: ['RequestSuccessErrorBudgetBurn1h', 'RequestSuccessErrorBudgetBurn6h'],
  RequestSuccessErrorBudgetBurn3d: ['RequestSuccessErrorBudgetBurn1h', 'RequestSuccessErrorBudgetBurn6h', 'RequestSuccessErrorBudgetBurn1d'],
  RequestLatencyErrorBudgetBurn6h: ['RequestLatencyErrorBudgetBurn1h'],
  RequestLatencyErrorBudgetBurn1d: ['RequestLatencyErrorBudgetBurn1h', 'RequestLatencyErrorBudgetBurn6h'],
  RequestLatencyErrorBudgetBurn3d: ['RequestLatencyErrorBudgetBurn1h', 'RequestLatencyErrorBudgetBurn6h', 'RequestLatencyErrorBudgetBurn1d'],
  // A named service-down alert silences TargetDown of its job.
  TargetDown: ['RedisDown'],
};

/** prod's alertmanager.yml as rendered, its credential files pointed at placeholder files. */
function alertmanagerConfig(dir: string): string {
  const spec = specNamed(kubernetesSpecs(ENV), 'alertmanager');
  let text = spec.configs.find((c) => c.name === 'alertmanager-config')!.files['alertmanager.yml'];
  for (const mount of spec.secretFiles) {
    const placeholders = path.join(dir, 'secrets', path.basename(mount.mountPath));
    fs.mkdirSync(placeholders, { recursive: true });
    // Loopback's discard port: a notification Alertmanager might try goes nowhere.
    for (const ref of mount.refs) fs.writeFileSync(path.join(placeholders, ref.key), ref.key.startsWith('slack') ? 'http://127.0.0.1:9/placeholder\n' : 'placeholder-routing-key\n');
    text = text.split(`${mount.mountPath}/`).join(`${placeholders}/`);
  }
  const file = path.join(dir, 'alertmanager.yml');
  fs.writeFileSync(file, text);
  return file;
}

/** Every alert of prod with the labels it reaches Alertmanager with, read from the generated files. */
function firingLabels(): Map<string, Labels> {
  const prometheus = specNamed(kubernetesSpecs(ENV), 'prometheus');
  const files = (name: string) => prometheus.configs.find((c) => c.name === name)!.files;
  const external = (yaml.load(files('prometheus-config')['prometheus.yml']) as { global: { external_labels?: Labels } }).global.external_labels ?? {};
  const ruleLabels = new Map<string, Labels>();
  for (const text of Object.values(files('prometheus-rules'))) {
    for (const group of (yaml.load(text) as { groups: { rules: { alert?: string; labels?: Labels }[] }[] }).groups) {
      for (const rule of group.rules) if (rule.alert) ruleLabels.set(rule.alert, rule.labels ?? {});
    }
  }
  const model = new Map<string, ResolvedAlert>(stackOf(ENV).alerting.alerts.map((a) => [a.name, a]));
  assert.deepEqual([...ruleLabels.keys()].sort(), [...model.keys()].sort(), 'the rule files hold the alerts of the model');
  return new Map(
    [...ruleLabels].map(([name, labels]) => [name, { ...model.get(name)!.tests.fires.labels, ...labels, ...external, alertname: name }]),
  );
}

const onAnotherTarget = (labels: Labels): Labels => ({ ...labels, instance: `other-${labels.instance}` });

describe('inhibition, as Alertmanager applies it to prod\'s configuration', () => {
  const dir = tempDir('monstack-inhibit-');
  let alertmanager: TestAlertmanager | undefined;
  let labels: Map<string, Labels>;
  const of = (name: string): Labels => {
    const found = labels.get(name);
    assert.ok(found, `prod has no alert ${name}`);
    return found;
  };

  before(async () => {
    labels = firingLabels();
    alertmanager = await TestAlertmanager.start(alertmanagerConfig(dir), dir);
  });

  after(async () => {
    await alertmanager?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('every alert firing at once', () => {
    let seen: ApiAlert[];
    // The same warnings on other targets, and a security alert on the very target of an availability page.
    const elsewhere = () => [onAnotherTarget(of('PostgresTooManyConnections')), onAnotherTarget(of('DiskWillFillIn24Hours')), onAnotherTarget(of('AgentsDisconnecting'))];
    const securityOnAppTarget = () => ({ ...of('UnauthorizedRequestsHigh'), instance: of('ApplicationDown').instance });
    before(async () => {
      seen = await alertmanager!.fire([...labels.values(), ...elsewhere(), securityOnAppTarget()]);
    });

    it('posts all 47 alerts of the rule model', () => {
      assert.equal(labels.size, 47);
    });

    it('silences exactly the alerts of the same problem, each by one of its own family', () => {
      const wrong: string[] = [];
      for (const [name, l] of labels) {
        const { state, by } = inhibitionOf(seen, l);
        const expected = SILENCED_BY[name];
        if (!expected && state !== 'active') wrong.push(`${name} should be active, is ${state} by ${by.join(', ')}`);
        if (expected && (state !== 'suppressed' || !by.every((b) => expected.includes(b)))) {
          wrong.push(`${name} should be suppressed by ${expected.join(' or ')}, is ${state}${by.length ? ` by ${by.join(', ')}` : ''}`);
        }
      }
      assert.deepEqual(wrong, []);
      for (const name of Object.keys(SILENCED_BY)) assert.ok(labels.has(name), `${name} is not an alert of prod`);
    });

    it('PostgresDown silences PostgresTooManyConnections of its instance, not of another', () => {
      assert.deepEqual(inhibitionOf(seen, of('PostgresTooManyConnections')), { state: 'suppressed', by: ['PostgresDown'] });
      for (const other of elsewhere()) assert.deepEqual(inhibitionOf(seen, other), { state: 'active', by: [] }, other.alertname);
    });

    it('never silences a security alert by an availability alert, even on the same target', () => {
      assert.equal(inhibitionOf(seen, securityOnAppTarget()).state, 'active');
      for (const [name, l] of labels) if (l.team === 'security') assert.equal(inhibitionOf(seen, l).state, 'active', name);
    });

    it('never silences the Watchdog', () => {
      assert.equal(inhibitionOf(seen, of('Watchdog')).state, 'active');
    });
  });

  describe('an SLO page among every alert that has no target', () => {
    let seen: ApiAlert[];
    const page = 'RequestSuccessErrorBudgetBurn1h';
    // Every aggregate alert except the other objectives' pages: their own slow burns may silence each other.
    const aggregates = () => [...labels.values()].filter((l) => !l.instance && !(l.slo && l.slo !== of(page).slo && l.severity === 'critical'));
    before(async () => {
      seen = await alertmanager!.fire(aggregates());
    });

    it('silences the slower burns of its own objective', () => {
      for (const name of ['RequestSuccessErrorBudgetBurn6h', 'RequestSuccessErrorBudgetBurn1d', 'RequestSuccessErrorBudgetBurn3d']) {
        assert.equal(inhibitionOf(seen, of(name)).state, 'suppressed', name);
      }
    });

    it('silences nothing but burns of the same objective with a longer window', () => {
      const windowOf = (l: Labels) => Number.parseInt(l.long_window, 10) * { m: 1, h: 60, d: 1440 }[l.long_window.slice(-1) as 'm' | 'h' | 'd'];
      for (const l of aggregates()) {
        const { state, by } = inhibitionOf(seen, l);
        if (state === 'active') continue;
        for (const source of by.map(of)) {
          assert.ok(l.slo && source.slo === l.slo && windowOf(source) < windowOf(l), `${l.alertname} is silenced by ${source.alertname}`);
        }
      }
    });

    it('leaves the security, latency and error-rate warnings of its component active (aggregates are not one target)', () => {
      for (const name of ['UnauthorizedRequestsHigh', 'RequestRateAnomaly', 'HighRequestLatency', 'HighErrorRate', 'RequestLatencyErrorBudgetBurn1d', 'RequestLatencySliMissing', 'Watchdog']) {
        assert.deepEqual(inhibitionOf(seen, of(name)), { state: 'active', by: [] }, name);
      }
    });
  });
});
