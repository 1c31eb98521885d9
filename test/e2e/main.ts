/**
 * `npm run e2e`: synthesizes test/e2e/e2e.yaml for compose into a scratch directory, makes a network
 * namespace whose hosts file sends every service name to loopback, runs suite.ts inside it, and
 * removes the namespace, every process in it and the scratch directory afterwards — also when the
 * suite fails, times out or the run is interrupted.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { PACKAGE_ROOT } from '../../src/paths';
import { hostsFile } from './rewrites';
import { HEARTBEAT_HOST, PAGERDUTY_HOST, SLACK_HOST } from './harness/webhook';

/** The whole run's bound; it takes about five minutes. */
const RUN_TIMEOUT_MS = 15 * 60_000;
const REQUIRED_TOOLS = ['ip', 'openssl', 'runuser', 'psql', 'redis-server', 'prometheus', 'prometheus-alertmanager', 'prometheus-node-exporter', 'prometheus-redis-exporter', 'prometheus-postgres-exporter'];
const E2E_ENVIRONMENT = path.join(PACKAGE_ROOT, 'test', 'e2e', 'e2e.yaml');

const namespace = `monstack-e2e-${process.pid}`;
const netnsDir = path.join('/etc/netns', namespace);
let scratch = '';
let suite: ChildProcess | undefined;
let cleaned = false;

function fail(message: string): never {
  process.stderr.write(`e2e: ${message}\n`);
  cleanup();
  process.exit(1);
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function cleanup(): void {
  if (cleaned) return;
  cleaned = true;
  if (fs.existsSync(path.join('/run/netns', namespace))) {
    // Whatever the suite left behind (it stops its processes itself; a crash would orphan them).
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      const pids = spawnSync('ip', ['netns', 'pids', namespace], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
      for (const pid of pids) {
        try {
          process.kill(pid, signal);
        } catch {
          // already gone
        }
      }
      if (pids.length > 0 && signal === 'SIGTERM') spawnSync('sleep', ['3']);
    }
    spawnSync('ip', ['netns', 'delete', namespace]);
  }
  fs.rmSync(netnsDir, { recursive: true, force: true });
  if (scratch && !process.env.MONSTACK_E2E_KEEP) fs.rmSync(scratch, { recursive: true, force: true });
  else if (scratch) process.stderr.write(`e2e: kept ${scratch} (MONSTACK_E2E_KEEP)\n`);
}

function main(): void {
  if (process.getuid?.() !== 0) fail('needs root (network namespaces, PostgreSQL as the postgres user); run as root in CI');
  const missing = REQUIRED_TOOLS.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
  if (missing.length > 0) fail(`missing ${missing.join(', ')}: run .ci/install-e2e`);

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      process.stderr.write(`e2e: ${signal}, stopping\n`);
      suite?.kill('SIGTERM');
      setTimeout(() => {
        cleanup();
        process.exit(130);
      }, 5000).unref();
    });
  }
  process.on('exit', cleanup);

  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'monstack-e2e-'));
  // The postgres user must reach its data directory below it.
  fs.chmodSync(scratch, 0o755);
  const out = path.join(scratch, 'out');
  const synth = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'lib', 'src', 'cli.js'), 'synth', '--env', E2E_ENVIRONMENT, '--target', 'compose', '--out', out], { encoding: 'utf8' });
  if (synth.status !== 0) fail(`synth of ${E2E_ENVIRONMENT} failed:\n${synth.stderr}`);

  const compose = yaml.load(fs.readFileSync(path.join(out, 'compose', 'e2e', 'docker-compose.monitoring.yml'), 'utf8')) as { services: Record<string, unknown> };
  fs.mkdirSync(netnsDir, { recursive: true });
  fs.writeFileSync(path.join(netnsDir, 'hosts'), hostsFile([...Object.keys(compose.services), 'host.docker.internal', SLACK_HOST, PAGERDUTY_HOST, HEARTBEAT_HOST]));
  try {
    ip('netns', 'add', namespace);
    ip('-n', namespace, 'link', 'set', 'lo', 'up');
    // A host has a network card: Debian's node-exporter leaves lo out, and its network families would be missing.
    // A dummy device where the kernel has the module, else a bridge (containers often lack the first).
    const kinds = ['dummy', 'bridge'];
    const made = kinds.find((kind) => spawnSync('ip', ['-n', namespace, 'link', 'add', 'eth-e2e', 'type', kind]).status === 0);
    if (!made) throw new Error(`cannot add a network device of type ${kinds.join(' or ')}`);
    // With an IPv6 link-local address and no IPv4 one, getaddrinfo (AI_ADDRCONFIG) would drop the hosts file's IPv4 entries.
    ip('-n', namespace, 'addr', 'add', '192.0.2.1/32', 'dev', 'eth-e2e');
    ip('-n', namespace, 'link', 'set', 'eth-e2e', 'up');
  } catch (e) {
    fail(`cannot create the network namespace ${namespace}: ${(e as { stderr?: Buffer }).stderr?.toString().trim() ?? (e as Error).message}`);
  }

  const started = Date.now();
  suite = spawn('ip', ['netns', 'exec', namespace, process.execPath, '--test-reporter=spec', path.join(__dirname, 'suite.js')], {
    env: { ...process.env, MONSTACK_E2E_SCRATCH: scratch },
    stdio: 'inherit',
  });
  const timer = setTimeout(() => {
    process.stderr.write(`e2e: no result after ${RUN_TIMEOUT_MS / 60_000} minutes, stopping\n`);
    suite?.kill('SIGTERM');
  }, RUN_TIMEOUT_MS);
  suite.on('exit', (code, signal) => {
    clearTimeout(timer);
    cleanup();
    if (code !== 0) process.stderr.write(`e2e: failed after ${Math.round((Date.now() - started) / 1000)}s\n`);
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main();
