/** The routing tree under amtool: the rendered config is valid and routes the guide's cases where they belong. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { AlertRouting, guideSlos, inhibitRules, Slo } from '../../alerts';
import { tempDir } from '../helpers/cli';
import { composeServices, kubernetesSpecs, specNamed, stackFromYaml, stackOf } from '../helpers/stack';
import { HEARTBEAT_URL_FILE } from '../../alerts/routing';
import { withWebhookUrls } from '../../src/validate/staging';
import { requireTool, runTool } from '../helpers/tools';
import { ComposePlatform } from '../../src/render/compose/platform';

/** Renders a routing into a directory with dummy credential files, as a mounted Secret would provide them. */
function renderWithSecrets(routing: AlertRouting): { dir: string; config: string } {
  const dir = tempDir('monstack-am-');
  const secrets = path.join(dir, 'secrets');
  fs.mkdirSync(secrets);
  const { config, secretFiles } = routing.render(secrets);
  for (const f of secretFiles) {
    fs.writeFileSync(path.join(secrets, f.key), f.key.startsWith('slack') ? 'https://hooks.slack.com/services/T000/B000/XXXX\n' : '0123456789abcdef0123456789abcdef\n');
  }
  const file = path.join(dir, 'alertmanager.yml');
  fs.writeFileSync(file, yaml.dump(config, { lineWidth: -1, noRefs: true }));
  return { dir, config: file };
}

function routeOf(configFile: string, labels: Record<string, string>): string {
  const r = runTool('amtool', ['config', 'routes', 'test', `--config.file=${configFile}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

describe('alert routing', () => {
  before(() => requireTool('amtool'));

  it('renders a configuration amtool accepts, credentials read from files', () => {
    const { config } = renderWithSecrets(new AlertRouting());
    const r = runTool('amtool', ['check-config', config]);
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    const text = fs.readFileSync(config, 'utf8');
    assert.match(text, /routing_key_file:/);
    assert.match(text, /api_url_file:/);
    assert.doesNotMatch(text, /hooks\.slack\.com|0123456789abcdef/, 'no credential value in the configuration');
  });

  it('routes the guide\'s cases', () => {
    const { config } = renderWithSecrets(new AlertRouting());
    const cases: [Record<string, string>, string][] = [
      [{ alertname: 'AgentNetworkPartition', severity: 'critical', team: 'ml', component: 'federation' }, 'pagerduty,ml-team'],
      [{ alertname: 'PoorModelPerformance', severity: 'warning', team: 'ml', component: 'training' }, 'ml-team'],
      [{ alertname: 'HostHighCpuUsage', severity: 'warning', team: 'infrastructure', component: 'host' }, 'devops'],
      [{ alertname: 'Deploy', severity: 'warning', team: 'devops', component: 'ci' }, 'devops'],
      [{ alertname: 'PostgresTooManyConnections', severity: 'warning', team: 'infrastructure', component: 'database' }, 'database-team'],
      [{ alertname: 'PostgresDown', severity: 'critical', team: 'infrastructure', component: 'database' }, 'pagerduty,database-team'],
      [{ alertname: 'UnauthorizedRequestsHigh', severity: 'warning', team: 'security', component: 'application' }, 'default'],
      [{ alertname: 'Watchdog', severity: 'info', team: 'infrastructure', component: 'monitoring' }, 'watchdog'],
    ];
    for (const [labels, receivers] of cases) assert.equal(routeOf(config, labels), receivers, JSON.stringify(labels));
  });

  it('keeps the tree but notifies nobody where notifications are off (dev)', () => {
    const routing = new AlertRouting({ notify: false });
    const { config, secretFiles, externalEgress } = routing.render('/etc/alertmanager/secrets');
    assert.deepEqual(secretFiles, []);
    assert.deepEqual(externalEgress, []);
    const receivers = (config as { receivers: object[] }).receivers;
    assert.ok(receivers.every((r) => Object.keys(r).length === 1), 'receivers have names only');
    const { config: file } = renderWithSecrets(routing);
    assert.equal(runTool('amtool', ['check-config', file]).status, 0);
    assert.equal(routeOf(file, { severity: 'critical', team: 'ml' }), 'pagerduty,ml-team');
  });

  it('compares targets only where both alerts have one, never silences the Watchdog (Alertmanager proves the rest: inhibition.test)', () => {
    const { config } = new AlertRouting().render('/s') as { config: { inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal: string[] }[] } };
    for (const rule of config.inhibit_rules) {
      // A label missing on both alerts counts as equal: each one compared must be required on both sides.
      for (const label of rule.equal.filter((l) => ['instance', 'slo'].includes(l))) {
        assert.ok(rule.source_matchers.includes(`${label}=~".+"`) && rule.target_matchers.includes(`${label}=~".+"`), JSON.stringify(rule));
      }
      if (rule.equal.includes('instance')) assert.ok(rule.equal.includes('team') && rule.target_matchers.includes('alertname!="Watchdog"'), JSON.stringify(rule));
    }
  });

  it('routes every alert of the rule model by its generated labels: pages first, security to the default receiver, the Watchdog apart', () => {
    const { config } = renderWithSecrets(new AlertRouting());
    for (const alert of stackOf('prod').alerting.alerts) {
      const receivers = routeOf(config, { alertname: alert.name, ...alert.labels }).split(',');
      const expected = alert.name === 'Watchdog' ? 'watchdog' : alert.labels.severity === 'critical' ? 'pagerduty' : alert.labels.team === 'security' ? 'default' : undefined;
      if (expected) assert.equal(receivers[0], expected, `${alert.name} goes to ${receivers.join(',')}`);
      if (alert.labels.severity === 'critical') assert.equal(receivers.length, 2, `${alert.name} also reaches its team: ${receivers.join(',')}`);
    }
  });

  it('orders SLO burns by their long window: each silences the strictly slower ones of its SLO', () => {
    const rules = inhibitRules(['1d', '90m', '1h', '60m']) as { source_matchers: string[]; target_matchers: string[] }[];
    const slo = rules.filter((r) => r.source_matchers.includes('slo=~".+"')).map((r) => [r.source_matchers[1], r.target_matchers[1]]);
    assert.deepEqual(slo, [
      ['long_window="1h"', 'long_window=~"90m|1d"'],
      ['long_window="60m"', 'long_window=~"90m|1d"'],
      ['long_window="90m"', 'long_window=~"1d"'],
    ]);
    assert.throws(() => inhibitRules(['1h', 'fast']), /long_window "fast" is not a Prometheus duration/);
  });

  it('follows the SLOs of the stack: an extension\'s objective with other windows gets its own inhibitions', () => {
    const stack = stackOf('prod');
    const [template] = guideSlos(stack.alerting.context);
    stack.alerting.addSlo(new Slo({
      ...template.props,
      name: 'ingest-success',
      alertPrefix: 'IngestSuccess',
      burnRates: [
        { suffix: 'Fast', burnRate: 10, longWindow: '30m', shortWindow: '5m', for: '2m', severity: 'critical' },
        { suffix: 'Slow', burnRate: 2, longWindow: '2h', shortWindow: '30m', for: '30m', severity: 'warning' },
      ],
    }));
    const spec = specNamed(stack.describe(new ComposePlatform()), 'alertmanager');
    const config = yaml.load(spec.configs.find((c) => c.name === 'alertmanager-config')!.files['alertmanager.yml']) as { inhibit_rules: { source_matchers: string[]; target_matchers: string[] }[] };
    const fastest = config.inhibit_rules.find((r) => r.source_matchers.includes('long_window="30m"'));
    assert.deepEqual(fastest?.target_matchers, ['slo=~".+"', 'long_window=~"1h|2h|6h|1d|3d"']);
  });

  it('mounts the receivers\' credentials from a Secret the user provides, and may reach 443 outside', () => {
    const spec = specNamed(kubernetesSpecs('prod'), 'alertmanager');
    const refs = spec.secretFiles.flatMap((f) => f.refs);
    assert.deepEqual(refs.map((r) => r.key).sort(), [
      'pagerduty-routing-key',
      'slack-database-team-webhook-url',
      'slack-default-webhook-url',
      'slack-devops-webhook-url',
      'slack-ml-team-webhook-url',
    ]);
    assert.ok(refs.every((r) => r.secret === 'alertmanager-receivers' && r.generated === false));
    assert.deepEqual(spec.externalEgress, [443]);
    const dev = specNamed(stackOf('dev').describe(new ComposePlatform()), 'alertmanager');
    assert.deepEqual(dev.secretFiles, []);
    assert.deepEqual(dev.externalEgress, []);
  });

  it('the prod Alertmanager configuration passes amtool as rendered', () => {
    const spec = specNamed(kubernetesSpecs('prod'), 'alertmanager');
    const rendered = spec.configs.find((c) => c.name === 'alertmanager-config')!.files['alertmanager.yml'];
    const dir = tempDir('monstack-am-prod-');
    const mount = spec.secretFiles[0].mountPath;
    // Point the file references at a temporary copy of the Secret's mount.
    const text = rendered.split(mount).join(path.join(dir, 'secrets'));
    fs.mkdirSync(path.join(dir, 'secrets'));
    for (const ref of spec.secretFiles[0].refs) fs.writeFileSync(path.join(dir, 'secrets', ref.key), ref.key.startsWith('slack') ? 'https://hooks.slack.com/services/T/B/X\n' : 'abcdef0123456789abcdef0123456789\n');
    fs.writeFileSync(path.join(dir, 'alertmanager.yml'), text);
    const r = runTool('amtool', ['check-config', path.join(dir, 'alertmanager.yml')]);
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  });

  describe('the Watchdog as a dead man\'s switch (alerting.routing.heartbeat)', () => {
    interface Rendered {
      route: { routes: { receiver: string; group_wait?: string; group_interval?: string; repeat_interval?: string }[] };
      receivers: { name: string; webhook_configs?: { url_file?: string; url?: string; send_resolved: boolean }[] }[];
    }
    const watchdogOf = (config: unknown) => ({
      route: (config as Rendered).route.routes.find((r) => r.receiver === 'watchdog')!,
      receiver: (config as Rendered).receivers.find((r) => r.name === 'watchdog')!,
    });

    it('is off unless set: the Watchdog\'s receiver has no integration and no credential is asked for', () => {
      const { config, secretFiles } = new AlertRouting().render('/s');
      assert.deepEqual(watchdogOf(config).receiver, { name: 'watchdog' });
      assert.ok(!secretFiles.some((f) => f.key === HEARTBEAT_URL_FILE));
    });

    it('posts the Watchdog to the URL in a credential file, never on resolve, every interval', () => {
      const { config, secretFiles, externalEgress } = new AlertRouting({ notify: false, heartbeat: { interval: '2m' } }).render('/etc/alertmanager/secrets');
      const { route, receiver } = watchdogOf(config);
      assert.deepEqual(receiver.webhook_configs, [{ url_file: `/etc/alertmanager/secrets/${HEARTBEAT_URL_FILE}`, send_resolved: false }]);
      // Ticks at a quarter of the interval: pings 2m to 2m30s apart.
      assert.deepEqual([route.group_wait, route.group_interval, route.repeat_interval], ['0s', '30s', '2m']);
      // Independent of notify: only the heartbeat's credential, and egress for it.
      assert.deepEqual(secretFiles.map((f) => f.key), [HEARTBEAT_URL_FILE]);
      assert.deepEqual(externalEgress, [443]);
      assert.equal(watchdogOf(new AlertRouting({ heartbeat: {} }).render('/s').config).route.repeat_interval, '5m');
    });

    it('passes amtool (url_file as a stand-in url where amtool predates it) and routes only the Watchdog there', () => {
      const routing = new AlertRouting({ heartbeat: { interval: '1m' } });
      const { dir, config } = renderWithSecrets(routing);
      const text = fs.readFileSync(config, 'utf8');
      assert.match(text, /url_file: .*watchdog-heartbeat-url/);
      assert.doesNotMatch(text, /https?:\/\/[^\s]*hc-ping|url: /, 'no URL in the configuration');
      // Debian's amtool 0.25 has no url_file on webhooks: check the stand-in, as monstack validate does.
      let checked = config;
      let r = runTool('amtool', ['check-config', checked]);
      if (r.status !== 0 && /field url_file not found/.test(`${r.stdout}${r.stderr}`)) {
        checked = path.join(dir, 'checked.yml');
        fs.writeFileSync(checked, yaml.dump(withWebhookUrls(yaml.load(text) as Record<string, unknown>), { lineWidth: -1, noRefs: true }));
        r = runTool('amtool', ['check-config', checked]);
      }
      assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
      assert.equal(routeOf(checked, { alertname: 'Watchdog', severity: 'none', team: 'infrastructure' }), 'watchdog');
      assert.equal(routeOf(checked, { alertname: 'RedisDown', severity: 'critical', team: 'infrastructure' }), 'pagerduty,devops');
    });

    it('changes the output of an environment: the receiver, the route and the receivers Secret\'s files', () => {
      const on = stackFromYaml('extends: prod\nalerting:\n  routing:\n    heartbeat: { interval: 10m }\n');
      const spec = specNamed(on.describe(new ComposePlatform()), 'alertmanager');
      const { route, receiver } = watchdogOf(yaml.load(spec.configs.find((c) => c.name === 'alertmanager-config')!.files['alertmanager.yml']));
      assert.equal(route.repeat_interval, '10m');
      assert.equal(receiver.webhook_configs?.length, 1);
      assert.ok(spec.secretFiles.flatMap((f) => f.refs).some((ref) => ref.key === HEARTBEAT_URL_FILE && ref.secret === 'alertmanager-receivers'));
      // dev sends nothing, and mounts no receivers Secret; with a heartbeat it mounts one for the URL alone.
      const dev = composeServices(stackFromYaml('extends: dev\nalerting:\n  routing:\n    heartbeat: {}\n')).alertmanager;
      assert.ok((dev.volumes as string[]).some((v) => v.startsWith('./secrets/alertmanager-receivers:')), JSON.stringify(dev.volumes));
      assert.ok(!(composeServices(stackOf('dev')).alertmanager.volumes as string[]).some((v) => v.includes('alertmanager-receivers')));
    });
  });
});
