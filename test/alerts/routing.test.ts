/** The routing tree under amtool: the rendered config is valid and routes the guide's cases where they belong. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { AlertRouting } from '../../alerts';
import { tempDir } from '../helpers/cli';
import { kubernetesSpecs, specNamed, stackOf } from '../helpers/stack';
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

  it('inhibits warnings by a critical alert of the same component and target, never the Watchdog', () => {
    const { config } = new AlertRouting().render('/s') as { config: { inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal: string[] }[] } };
    const rule = config.inhibit_rules.find((r) => r.source_matchers.includes('severity="critical"') && r.target_matchers.includes('severity=~"warning|info"'));
    assert.ok(rule);
    assert.deepEqual(rule.equal, ['environment', 'component', 'instance']);
    assert.ok(rule.target_matchers.includes('alertname!="Watchdog"'));
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
});
