/**
 * `npm run bench:slo-rules`: what the SLO rule groups cost a real Prometheus (Debian's 2.42) per evaluation,
 * with the long windows summed from 5-minute recordings (as generated) and as rates over 30 days of raw
 * series (the rules before). A synthetic application — 2 instances × 2 endpoints × 3 status codes of
 * http_requests_total and the matching histogram series, one sample every 30 s (the stack's scrape interval),
 * plus the 5-minute event recordings — is backfilled over 31 days with `promtool tsdb create-blocks-from
 * openmetrics`; Prometheus then runs on loopback with one rule file at a time. Prints, per rule group, the
 * samples its expressions read (Prometheus' query statistics) and the median evaluation time.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtinRuleFiles, DEFAULT_RULES_CONTEXT, guideSlos, renderRuleFile, resolveFiles, ResolvedFile, ResolvedRule, Slo, SLO_WINDOWS } from '../../alerts';
import { CONTRACT_JOBS } from '../helpers/contracts';
import { requireTool } from '../helpers/tools';
import { freePort, sleep } from '../helpers/ports-and-waits';

const STEP_S = 30;
const DAYS = 31;
const EVALUATIONS = 12;

function afterFile(): ResolvedFile {
  const files = resolveFiles(builtinRuleFiles(DEFAULT_RULES_CONTEXT), { jobs: CONTRACT_JOBS, overrides: {}, runbookBaseUrl: 'https://runbooks.test/monstack' });
  return files.find((f) => f.name === 'slo')!;
}

/** The same file as the rules were before: every window a rate over the raw series. */
function beforeFile(after: ResolvedFile, slos: readonly Slo[]): ResolvedFile {
  return {
    ...after,
    groups: after.groups.map((g) => {
      const slo = slos.find((s) => g.name === `slo.${s.props.name}`)!;
      const rules: ResolvedRule[] = [];
      for (const r of g.rules) {
        if (r.kind !== 'record' || !r.record.startsWith('slo:sli_')) {
          rules.push(r);
          continue;
        }
        const window = SLO_WINDOWS.find((w) => r.record === `slo:sli_error:ratio_rate${w}`);
        if (window) rules.push({ ...r, expr: `(${slo.props.errors(window)}) / (${slo.props.total(window)})` });
      }
      return { ...g, rules };
    }),
  };
}

/** Synthetic scrapes (and the recordings they give) in OpenMetrics, streamed to a file. */
function writeOpenMetrics(file: string, job: string, endS: number): void {
  const fd = fs.openSync(file, 'w');
  const startS = endS - DAYS * 86400;
  const lines: string[] = [];
  const flush = () => {
    fs.writeSync(fd, lines.join(''));
    lines.length = 0;
  };
  const counter = (name: string, labels: string, perSecond: number) => {
    for (let t = startS, v = 0; t <= endS; t += STEP_S, v += perSecond * STEP_S) {
      lines.push(`${name}{${labels}} ${v} ${t}\n`);
      if (lines.length > 50_000) flush();
    }
  };
  const gauge = (name: string, labels: string, value: number) => {
    for (let t = startS; t <= endS; t += STEP_S) lines.push(`${name}{${labels}} ${value} ${t}\n`);
    flush();
  };
  const targets = ['app-0:8000', 'app-1:8000'].flatMap((instance) => ['/api/train', '/api/agents'].map((endpoint) => `job="${job}",instance="${instance}",endpoint="${endpoint}",method="GET"`));
  const statuses: [string, number][] = [['200', 9.9], ['404', 0.09], ['500', 0.01]];
  for (const t of targets) for (const [status, rate] of statuses) counter('http_requests_total', `${t},status="${status}"`, rate);
  for (const t of targets) counter('http_request_duration_seconds_count', t, 10);
  for (const t of targets) counter('http_request_duration_seconds_bucket', `${t},le="0.2"`, 9.6);
  for (const t of targets) counter('http_request_duration_seconds_bucket', `${t},le="+Inf"`, 10);
  gauge('slo:sli_error_events:rate5m', 'slo="request-success"', 0.04);
  gauge('slo:sli_events:rate5m', 'slo="request-success"', 40);
  gauge('slo:sli_error_events:rate5m', 'slo="request-latency"', 1.6);
  gauge('slo:sli_events:rate5m', 'slo="request-latency"', 40);
  fs.writeSync(fd, '# EOF\n');
  fs.closeSync(fd);
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return ((await res.json()) as { data: T }).data;
}

interface GroupCost {
  readonly group: string;
  readonly samples: number;
  readonly medianMs: number;
}

/** Runs Prometheus over a copy of the blocks with one rule file; returns each group's cost. */
async function measure(label: string, blocks: string, work: string, rules: ResolvedFile): Promise<GroupCost[]> {
  const dir = path.join(work, label);
  fs.mkdirSync(dir);
  fs.cpSync(blocks, path.join(dir, 'data'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'slo.yaml'), renderRuleFile(rules));
  fs.writeFileSync(path.join(dir, 'prometheus.yml'), 'global:\n  evaluation_interval: 5s\nrule_files: [slo.yaml]\n');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const prometheus = spawn(
    'prometheus',
    ['--config.file=prometheus.yml', `--storage.tsdb.path=data`, '--storage.tsdb.retention.time=90d', `--web.listen-address=127.0.0.1:${port}`],
    { cwd: dir, stdio: ['ignore', 'ignore', fs.openSync(path.join(dir, 'prometheus.log'), 'w')] },
  );
  try {
    for (let i = 0; ; i++) {
      if (prometheus.exitCode !== null) throw new Error(`prometheus exited: see ${dir}/prometheus.log`);
      try {
        if ((await fetch(`${base}/-/ready`)).ok) break;
      } catch {
        // not listening yet
      }
      if (i > 600) throw new Error('prometheus not ready after 60 s');
      await sleep(100);
    }
    type Groups = { groups: { name: string; evaluationTime: number; lastEvaluation: string; rules: { query: string }[] }[] };
    const times = new Map<string, number[]>();
    const seen = new Map<string, string>();
    while ([...times.values()].some((t) => t.length < EVALUATIONS) || times.size === 0) {
      for (const g of (await getJson<Groups>(`${base}/api/v1/rules`)).groups) {
        if (g.lastEvaluation.startsWith('0001') || seen.get(g.name) === g.lastEvaluation) continue;
        seen.set(g.name, g.lastEvaluation);
        // The first evaluation reads the blocks from disk; the rest are what each evaluation costs.
        if (!times.has(g.name)) times.set(g.name, []);
        else times.get(g.name)!.push(g.evaluationTime * 1000);
      }
      await sleep(1000);
    }
    const groups = (await getJson<Groups>(`${base}/api/v1/rules`)).groups;
    const costs: GroupCost[] = [];
    for (const g of groups) {
      let samples = 0;
      for (const r of g.rules) {
        type Stats = { stats: { samples: { totalQueryableSamples: number } } };
        samples += (await getJson<Stats>(`${base}/api/v1/query?stats=all&query=${encodeURIComponent(r.query)}`)).stats.samples.totalQueryableSamples;
      }
      const sorted = [...times.get(g.name)!].sort((a, b) => a - b);
      costs.push({ group: g.name, samples, medianMs: sorted[Math.floor(sorted.length / 2)] });
    }
    return costs;
  } finally {
    prometheus.kill('SIGTERM');
    await new Promise((r) => prometheus.once('exit', r));
  }
}

async function main(): Promise<void> {
  requireTool('promtool');
  requireTool('prometheus');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'monstack-slo-cost-'));
  try {
    const slos = guideSlos(DEFAULT_RULES_CONTEXT);
    const after = afterFile();
    const before = beforeFile(after, slos);
    const endS = Math.floor(Date.now() / 1000 / STEP_S) * STEP_S - 60;
    const input = path.join(work, 'series.om');
    writeOpenMetrics(input, DEFAULT_RULES_CONTEXT.applicationJob, endS);
    const blocks = path.join(work, 'blocks');
    const created = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', input, blocks], { encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`promtool create-blocks-from: ${created.stderr}`);
    fs.rmSync(input);
    const rows: string[] = [];
    for (const [label, file] of [['before', before], ['after', after]] as const) {
      for (const c of await measure(label, blocks, work, file)) rows.push(`| ${c.group} | ${label} | ${c.samples.toLocaleString('en')} | ${c.medianMs.toFixed(1)} ms |`);
    }
    process.stdout.write(
      [
        `Prometheus 2.42 on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}; 31 days of 24 raw series at 30 s; median of ${EVALUATIONS - 1} evaluations.`,
        '',
        '| Rule group | Long windows | Samples read per evaluation | Evaluation time |',
        '|---|---|---|---|',
        ...rows.sort(),
        '',
      ].join('\n'),
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
