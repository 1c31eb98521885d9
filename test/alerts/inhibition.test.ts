/**
 * Inhibition proved by Alertmanager itself (Debian's prometheus-alertmanager binary): the rendered
 * inhibit rules are loaded, alerts are posted, and Alertmanager says which it suppresses.
 */
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AlertRouting } from '../../alerts/routing';
import { toYaml } from '../../constructs/yaml';
import { tempDir } from '../helpers/cli';
import { requireTool } from '../helpers/tools';

interface ApiAlert {
  labels: Record<string, string>;
  status: { state: string; inhibitedBy: string[] };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, seconds = 20): Promise<T> {
  for (let i = 0; i < seconds * 5; i++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const labels = (alertname: string, severity: string, component: string, instance?: string) => ({
  alertname,
  severity,
  component,
  environment: 'prod',
  ...(instance ? { instance } : {}),
});

describe('inhibition, as Alertmanager applies it', () => {
  let alertmanager: ChildProcess | undefined;
  let base = '';
  let alerts: ApiAlert[] = [];
  const dir = tempDir('monstack-inhibit-');

  before(async () => {
    const binary = requireTool('prometheus-alertmanager');
    // The built-in tree and inhibit rules, without integrations and with short waits.
    const { config } = new AlertRouting({ notify: false, groupWait: '1s', groupInterval: '1s' }).render(dir);
    fs.writeFileSync(path.join(dir, 'alertmanager.yml'), toYaml(config));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    alertmanager = spawn(binary, [
      `--config.file=${path.join(dir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ], { stdio: 'ignore' });
    await until('Alertmanager to be ready', async () => ((await fetch(`${base}/-/ready`)).ok ? true : undefined));
    const posted = [
      labels('DiskWillFillIn4Hours', 'critical', 'host', 'node-1:9100'),
      labels('DiskWillFillIn24Hours', 'warning', 'host', 'node-1:9100'),
      labels('DiskWillFillIn24Hours', 'warning', 'host', 'node-2:9100'),
      labels('StackComponentBroken', 'critical', 'monitoring'),
      labels('Watchdog', 'info', 'monitoring'),
    ].map((l) => ({ labels: l }));
    const response = await fetch(`${base}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(posted) });
    assert.equal(response.status, 200);
    alerts = await until('the inhibition to settle', async () => {
      const got = (await (await fetch(`${base}/api/v2/alerts`)).json()) as ApiAlert[];
      return got.length === posted.length && got.some((a) => a.status.inhibitedBy.length > 0) ? got : undefined;
    });
  });

  after(() => {
    alertmanager?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const stateOf = (alertname: string, instance?: string) =>
    alerts.find((a) => a.labels.alertname === alertname && a.labels.instance === instance)?.status.state;

  it('silences a warning while a critical alert of the same component fires on the same target', () => {
    assert.equal(stateOf('DiskWillFillIn24Hours', 'node-1:9100'), 'suppressed');
  });

  it('leaves the warning of another target alone', () => {
    assert.equal(stateOf('DiskWillFillIn24Hours', 'node-2:9100'), 'active');
  });

  it('never silences the Watchdog, whatever fires', () => {
    assert.equal(stateOf('Watchdog'), 'active');
  });
});
