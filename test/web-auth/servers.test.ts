/**
 * Prometheus and Alertmanager as staging and prod run them: Debian's binaries started on loopback by the
 * containers' own start scripts, with the web configuration they write from the bcrypt hash that
 * `monstack secrets` makes. Unsigned requests get 401 on every path (probes' included), signed ones 200;
 * Prometheus scrapes itself and sends alerts to Alertmanager signed in; the probe commands pass.
 */
import assert from 'node:assert/strict';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { ResolvedServiceSpec, WEB_USER } from '../../constructs';
import { generatedValues, secretRefs } from '../../src/commands/secrets';
import { tempDir as makeTempDir } from '../helpers/cli';
import { composeSpecs, kubernetesSpecs, specNamed } from '../helpers/stack';
import { assertToolPasses, requireTool, runTool } from '../helpers/tools';
import { freePort, until } from '../helpers/ports-and-waits';
import { stopChild } from '../helpers/child-processes';

const made: string[] = [];
const tempDir = (prefix: string) => {
  const dir = makeTempDir(prefix);
  made.push(dir);
  return dir;
};

interface Started {
  readonly child: ChildProcess;
  readonly base: string;
  readonly dir: string;
  log: string;
}

/**
 * Runs a container's own start command (`sh -c script name args…`) on this host: its scratch directory
 * and binary mapped to a temp dir and Debian's binary, its variables from the generated Secret values.
 */
async function startAsContainer(spec: ResolvedServiceSpec, scratch: [string, string], binary: [string, string], args: string[], values: Map<string, string>): Promise<Started> {
  const dir = scratch[1];
  const [script, name] = [spec.command![2], spec.command![3]];
  const local = script.split(scratch[0]).join(dir).split(binary[0]).join(requireTool(binary[1]));
  const env = Object.fromEntries(spec.secretEnv.map((s) => [s.env, values.get(`${s.ref.secret}/${s.ref.key}`)!]));
  const port = Number(/127\.0\.0\.1:(\d+)/.exec(args.join(' '))![1]);
  const started: Started = { child: spawn('sh', ['-c', local, name, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'pipe'] }), base: `http://127.0.0.1:${port}`, dir, log: '' };
  started.child.stderr?.on('data', (d) => (started.log += d));
  await until(`${spec.name} to listen`, async () => (started.child.exitCode === null && (await fetch(`${started.base}/-/healthy`)).status === 401 ? true : undefined)).catch((e) => {
    throw new Error(`${(e as Error).message}; it said:\n${started.log}`);
  });
  return started;
}

const basic = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

describe('basic authentication in front of Prometheus and Alertmanager (real binaries)', () => {
  const specs = composeSpecs('prod');
  const prometheusSpec = specNamed(specs, 'prometheus');
  const alertmanagerSpec = specNamed(specs, 'alertmanager');
  const values = generatedValues(secretRefs(specs));
  const password = (secret: string) => values.get(`${secret}/password`)!;
  let prometheus: Started;
  let alertmanager: Started;

  before(async () => {
    const amPort = await freePort();
    const amConfig = path.join(tempDir('monstack-am-config-'), 'alertmanager.yml');
    fs.writeFileSync(amConfig, yaml.dump({ route: { receiver: 'default', group_wait: '1s' }, receivers: [{ name: 'default' }] }));
    alertmanager = await startAsContainer(alertmanagerSpec, ['/etc/alertmanager/web', tempDir('monstack-am-web-')], ['/bin/alertmanager', 'prometheus-alertmanager'], [
      `--config.file=${amConfig}`, `--storage.path=${tempDir('monstack-am-data-')}`, `--web.listen-address=127.0.0.1:${amPort}`, '--cluster.listen-address=',
    ], values);

    // The generated prometheus.yml's own job and Alertmanager entry, pointed at the loopback servers.
    const promPort = await freePort();
    const generated = yaml.load(prometheusSpec.configs.find((c) => c.name === 'prometheus-config')!.files['prometheus.yml']) as { alerting: { alertmanagers: object[] }; scrape_configs: { job_name: string }[] };
    const configDir = tempDir('monstack-prom-config-');
    const self = generated.scrape_configs.find((j) => j.job_name === 'prometheus')!;
    const amJob = generated.scrape_configs.find((j) => j.job_name === 'alertmanager')!;
    const config = {
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [path.join(configDir, 'always.yaml')],
      alerting: { alertmanagers: [{ ...generated.alerting.alertmanagers[0], static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] }] },
      scrape_configs: [
        { ...self, static_configs: [{ targets: [`127.0.0.1:${promPort}`] }] },
        { ...amJob, static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] },
      ],
    };
    fs.writeFileSync(path.join(configDir, 'always.yaml'), yaml.dump({ groups: [{ name: 'always', rules: [{ alert: 'AlwaysFiring', expr: 'vector(1)' }] }] }));
    // The credential files live in the container's scratch directory, which the start script fills.
    const dir = tempDir('monstack-prom-web-');
    const configFile = path.join(configDir, 'prometheus.yml');
    fs.writeFileSync(configFile, yaml.dump(config).split('/etc/prometheus/web').join(dir));
    prometheus = await startAsContainer(prometheusSpec, ['/etc/prometheus/web', dir], ['/bin/prometheus', 'prometheus'], [
      `--config.file=${configFile}`, `--storage.tsdb.path=${tempDir('monstack-prom-data-')}`, `--web.listen-address=127.0.0.1:${promPort}`,
      // The first evaluation may come before the Alertmanager is known: resend soon, not in a minute.
      '--rules.alert.resend-delay=1s',
    ], values);
  });

  after(async () => {
    await Promise.all([stopChild(prometheus?.child), stopChild(alertmanager?.child)]);
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a web configuration promtool accepts, holding the hash and not the password', () => {
    for (const [server, secret] of [[prometheus, 'prometheus-web'], [alertmanager, 'alertmanager-web']] as const) {
      const file = path.join(server.dir, 'web-config.yml');
      assert.match(assertToolPasses('promtool', ['check', 'web-config', file]), /SUCCESS/);
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(text.includes(values.get(`${secret}/password-bcrypt`)!));
      assert.ok(!text.includes(password(secret)));
      assert.equal(fs.statSync(file).mode & 0o077, 0, 'readable by its owner only');
    }
  });

  for (const [name, secret, paths] of [
    ['prometheus', 'prometheus-web', ['/-/healthy', '/-/ready', '/api/v1/query?query=up', '/graph', '/metrics']],
    ['alertmanager', 'alertmanager-web', ['/-/healthy', '/-/ready', '/api/v2/status', '/api/v2/silences', '/metrics']],
  ] as const) {
    it(`${name}: 401 without credentials or with a wrong password, 200 signed in, on every path`, async () => {
      const server = name === 'prometheus' ? prometheus : alertmanager;
      for (const p of paths) {
        assert.equal((await fetch(`${server.base}${p}`)).status, 401, `${p} unsigned`);
        assert.equal((await fetch(`${server.base}${p}`, { headers: basic(WEB_USER, 'wrong') })).status, 401, `${p} wrong password`);
        assert.equal((await fetch(`${server.base}${p}`, { headers: basic(WEB_USER, password(secret)) })).status, 200, `${p} signed in`);
      }
    });

    it(`${name}: its probe and healthcheck commands pass signed in and fail without the password`, async () => {
      const server = name === 'prometheus' ? prometheus : alertmanager;
      const port = new URL(server.base).port;
      const k8s = specNamed(kubernetesSpecs('prod'), name);
      const probes = [k8s.health!.readinessCommand!, (k8s.health!.liveness as { command: string[] }).command, specNamed(specs, name).health!.command!];
      for (const probe of probes) {
        const script = probe[2].replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`);
        const env = Object.fromEntries(k8s.secretEnv.map((s) => [s.env, values.get(`${s.ref.secret}/${s.ref.key}`)!]));
        await promisify(execFile)('sh', ['-c', script], { env: { PATH: process.env.PATH, ...env } });
        const unsigned = Object.fromEntries(Object.keys(env).map((k) => [k, 'wrong']));
        await assert.rejects(promisify(execFile)('sh', ['-c', script], { env: { PATH: process.env.PATH, ...unsigned } }));
      }
    });
  }

  it('Prometheus scrapes itself and Alertmanager signed in', async () => {
    const headers = basic(WEB_USER, password('prometheus-web'));
    const up = await until('both targets up', async () => {
      const body = (await (await fetch(`${prometheus.base}/api/v1/targets`, { headers })).json()) as { data: { activeTargets: { labels: { job: string }; health: string; lastError: string }[] } };
      const targets = body.data.activeTargets;
      return targets.length === 2 && targets.every((t) => t.health === 'up') ? targets : undefined;
    });
    assert.deepEqual(up.map((t) => t.labels.job).sort(), ['alertmanager', 'prometheus']);
  });

  it('Prometheus sends its alerts to Alertmanager signed in', async () => {
    const headers = basic(WEB_USER, password('alertmanager-web'));
    const alerts = await until('the alert to reach Alertmanager', async () => {
      const got = (await (await fetch(`${alertmanager.base}/api/v2/alerts`, { headers })).json()) as { labels: { alertname: string } }[];
      return got.some((a) => a.labels.alertname === 'AlwaysFiring') ? got : undefined;
    }).catch(async (e) => {
      const am = (await (await fetch(`${prometheus.base}/metrics`, { headers: basic(WEB_USER, password('prometheus-web')) })).text()).split('\n').filter((l) => l.startsWith('prometheus_notifications')).join('\n');
      throw new Error(`${(e as Error).message}; Prometheus knows the Alertmanagers ${am} and said:\n${prometheus.log.slice(-3000)}`);
    });
    assert.ok(alerts.length >= 1);
  });

  it('promtool refuses a web configuration whose hash is not bcrypt', () => {
    const file = path.join(tempDir('monstack-bad-web-'), 'web.yml');
    fs.writeFileSync(file, `basic_auth_users:\n  ${WEB_USER}: "${password('prometheus-web')}"\n`);
    const r = runTool('promtool', ['check', 'web-config', file]);
    assert.notEqual(r.status, 0, `${r.stdout}${r.stderr}`);
  });
});
