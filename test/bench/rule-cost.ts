/**
 * The rule part of `npm run bench`: what each generated rule group costs Debian's Prometheus per
 * evaluation at a realistic cardinality. The e2e's reference application (50 agents × 10 endpoints, about
 * 10,000 series) is scraped on loopback with prod's generated application job and rule files
 * (dist/compose/prod); each group's median `evaluationTime` (prometheus_rule_group_last_duration_seconds)
 * is set against a floor in the same Prometheus: one bare `rate()` over the raw request counters.
 *
 * One rewrite, for time: every scrape, evaluation and group interval becomes EVERY (the capacity group's
 * 5m too), so a dozen evaluations take a minute. The run has minutes of history, so windows longer than
 * that (the SLO's 1h to 30d, the capacity forecasts' 6h and 7d) read what there is: `npm run
 * bench:slo-rules` backfills 31 days for the SLO groups.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { loadEnvironment } from '../../src/config/load';
import { ReferenceApp } from '../e2e/harness/reference-app';
import { freePort, sleep } from '../helpers/ports-and-waits';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ENVIRONMENT = 'prod';
const EVERY = '5s';
/** Scrapes before the first measured evaluation: every rate() over 5m has samples to read. */
const WARM_UP_MS = 30_000;
const EVALUATIONS = 12;
/** No generated group may cost more than this many bare rates over the raw request counters. */
export const FLOOR_BOUND = 20;
export const FLOOR_GROUP = 'bench.floor';
const FLOOR_RULE = { record: 'bench:http_requests:rate5m', expr: 'rate(http_requests_total[5m])' };

interface RuleFile {
  groups: { name: string; interval?: string; rules: unknown[] }[];
}

/** The rewrite: every group evaluated at `interval` (a group without one follows the global interval, set alike). */
export function everyGroupAt(file: RuleFile, interval: string): RuleFile {
  return { ...file, groups: file.groups.map((g) => (g.interval === undefined ? g : { ...g, interval })) };
}

export interface GroupCost {
  readonly group: string;
  readonly rules: number;
  readonly medianMs: number;
  readonly samples: number;
}

export interface RuleCostReport {
  readonly markdown: string;
  /** Groups over FLOOR_BOUND × the floor. */
  readonly over: string[];
}

/** The README's table and the bound's verdict, or undefined (with the reason on stderr) without a prometheus binary. */
export async function ruleCost(): Promise<RuleCostReport | undefined> {
  if (spawnSync('sh', ['-c', 'command -v prometheus'], { stdio: 'ignore' }).status !== 0) {
    process.stderr.write('bench: rule cost skipped: prometheus is not on PATH (apt-get install prometheus)\n');
    return undefined;
  }
  const generated = path.join(ROOT, 'dist', 'compose', ENVIRONMENT, 'config');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'monstack-rule-cost-'));
  const app = new ReferenceApp({ agents: 50, endpoints: 10 });
  let prometheus: ChildProcess | undefined;
  try {
    const [appPort, promPort] = [await freePort(), await freePort()];
    await app.listen('127.0.0.1', appPort);
    const config = prometheusConfig(generated, appPort, promPort, work);
    fs.writeFileSync(path.join(work, 'prometheus.yml'), yaml.dump(config, { lineWidth: -1 }));
    const version = spawnSync('prometheus', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].replace(/^prometheus, version (\S+).*/, '$1');
    prometheus = spawn('prometheus', ['--config.file=prometheus.yml', '--storage.tsdb.path=data', `--web.listen-address=127.0.0.1:${promPort}`], {
      cwd: work,
      stdio: ['ignore', 'ignore', fs.openSync(path.join(work, 'prometheus.log'), 'w')],
    });
    const base = `http://127.0.0.1:${promPort}`;
    await waitReady(base, prometheus, work);
    await sleep(WARM_UP_MS);
    const costs = await measure(base);
    const series = Number((await api<{ result: { value: [number, string] }[] }>(`${base}/api/v1/query?query=${encodeURIComponent(`count({job="${appJob()}"})`)}`)).result[0]?.value[1] ?? 0);
    const floor = costs.find((c) => c.group === FLOOR_GROUP)!;
    const generatedCosts = costs.filter((c) => c !== floor).sort((a, b) => b.medianMs - a.medianMs);
    const over = generatedCosts.filter((c) => c.medianMs / floor.medianMs > FLOOR_BOUND).map((c) => `${c.group} costs ${(c.medianMs / floor.medianMs).toFixed(1)}× the floor, over its bound of ${FLOOR_BOUND}×`);
    const row = (c: GroupCost) => `| \`${c.group}\` | ${c.rules} | ${c.samples.toLocaleString('en')} | ${c.medianMs.toFixed(2)} ms | ${(c.medianMs / floor.medianMs).toFixed(1)}× |`;
    const markdown = [
      `Rule cost: Prometheus ${version}, ${ENVIRONMENT}'s generated rule files, the reference application at 50 agents × 10 endpoints (${series.toLocaleString('en')} series) and Prometheus itself scraped every ${EVERY}, every group evaluated every ${EVERY} (rewritten); median of ${EVALUATIONS} evaluations, the first after ${Math.round(WARM_UP_MS / 1000)} s of scrapes. Floor: \`${FLOOR_RULE.expr}\` (${floor.samples.toLocaleString('en')} samples), bound ${FLOOR_BOUND}×.`,
      '',
      '| Rule group | Rules | Samples read | Evaluation time | Against the floor |',
      '|---|---|---|---|---|',
      ...generatedCosts.map(row),
      row(floor).replace(`\`${FLOOR_GROUP}\``, `floor: \`${FLOOR_RULE.expr}\``),
      '',
    ].join('\n');
    return { markdown, over };
  } finally {
    if (prometheus && prometheus.exitCode === null) {
      prometheus.kill('SIGTERM');
      await new Promise((r) => prometheus!.once('exit', r));
    }
    await app.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function appJob(): string {
  return loadEnvironment(ENVIRONMENT).application.job;
}

/**
 * prod's global labels and application job pointed at the loopback application, Prometheus scraping
 * itself, the generated rule files (intervals rewritten) and the floor's group.
 */
function prometheusConfig(generated: string, appPort: number, promPort: number, work: string): object {
  const source = yaml.load(fs.readFileSync(path.join(generated, 'prometheus-config', 'prometheus.yml'), 'utf8')) as {
    global: Record<string, unknown>;
    scrape_configs: { job_name: string; static_configs?: { targets: string[]; labels?: object }[] }[];
  };
  const job = source.scrape_configs.find((j) => j.job_name === appJob());
  if (!job) throw new Error(`no ${appJob()} job in ${ENVIRONMENT}'s prometheus.yml`);
  const rulesDir = path.join(work, 'rules');
  fs.mkdirSync(rulesDir);
  const ruleSources = path.join(generated, 'prometheus-rules');
  for (const name of fs.readdirSync(ruleSources).filter((f) => f.endsWith('.yaml'))) {
    const file = yaml.load(fs.readFileSync(path.join(ruleSources, name), 'utf8')) as RuleFile;
    fs.writeFileSync(path.join(rulesDir, name), yaml.dump(everyGroupAt(file, EVERY), { lineWidth: -1 }));
  }
  fs.writeFileSync(path.join(rulesDir, 'bench-floor.yaml'), yaml.dump({ groups: [{ name: FLOOR_GROUP, rules: [FLOOR_RULE] }] }));
  return {
    global: { ...source.global, scrape_interval: EVERY, evaluation_interval: EVERY },
    rule_files: [path.join(rulesDir, '*.yaml')],
    scrape_configs: [
      { ...job, static_configs: (job.static_configs ?? [{ targets: [] }]).slice(0, 1).map((c) => ({ ...c, targets: [`127.0.0.1:${appPort}`] })) },
      { job_name: 'prometheus', static_configs: [{ targets: [`127.0.0.1:${promPort}`] }] },
    ],
  };
}

async function api<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { data: T }).data;
}

async function waitReady(base: string, prometheus: ChildProcess, work: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (prometheus.exitCode !== null) throw new Error(`prometheus exited: ${fs.readFileSync(path.join(work, 'prometheus.log'), 'utf8').slice(-800)}`);
    if (await fetch(`${base}/-/ready`).then((r) => r.ok, () => false)) return;
    await sleep(200);
  }
  throw new Error('prometheus not ready after 60 s');
}

/** Each group's evaluation times over EVALUATIONS evaluations of its own, and the samples its queries read once. */
async function measure(base: string): Promise<GroupCost[]> {
  type Groups = { groups: { name: string; evaluationTime: number; lastEvaluation: string; rules: { query: string; health: string; lastError?: string }[] }[] };
  const times = new Map<string, number[]>();
  const seen = new Map<string, string>();
  const deadline = Date.now() + (EVALUATIONS + 6) * 5000;
  while (times.size === 0 || [...times.values()].some((t) => t.length < EVALUATIONS)) {
    if (Date.now() > deadline) throw new Error(`groups not evaluated ${EVALUATIONS} times in time: ${[...times].filter(([, t]) => t.length < EVALUATIONS).map(([g]) => g).join(', ')}`);
    for (const g of (await api<Groups>(`${base}/api/v1/rules`)).groups) {
      if (g.lastEvaluation.startsWith('0001') || seen.get(g.name) === g.lastEvaluation) continue;
      seen.set(g.name, g.lastEvaluation);
      times.set(g.name, [...(times.get(g.name) ?? []), g.evaluationTime * 1000]);
    }
    await sleep(1000);
  }
  const costs: GroupCost[] = [];
  for (const g of (await api<Groups>(`${base}/api/v1/rules`)).groups) {
    const broken = g.rules.filter((r) => r.health === 'err');
    if (broken.length > 0) throw new Error(`${g.name}: ${broken.map((r) => r.lastError).join('; ')}`);
    let samples = 0;
    for (const r of g.rules) {
      type Stats = { stats: { samples: { totalQueryableSamples: number } } };
      samples += (await api<Stats>(`${base}/api/v1/query?stats=all&query=${encodeURIComponent(r.query)}`)).stats.samples.totalQueryableSamples;
    }
    const sorted = [...times.get(g.name)!].slice(-EVALUATIONS).sort((a, b) => a - b);
    costs.push({ group: g.name, rules: g.rules.length, medianMs: sorted[Math.floor(sorted.length / 2)], samples });
  }
  return costs;
}

if (require.main === module) {
  ruleCost().then(
    (r) => {
      if (r) process.stdout.write(r.markdown);
      for (const o of r?.over ?? []) process.stderr.write(`bench: ${o}\n`);
      if (r?.over.length) process.exitCode = 1;
    },
    (e) => {
      process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
