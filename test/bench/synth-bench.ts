/**
 * `npm run bench`: what synth costs as ratios against a floor, measured in one run so the machine's load
 * weighs on both sides alike, and how the in-memory synth grows with scrape jobs and rule groups. Prints
 * Markdown tables for the README; exits 1 when a ratio exceeds its bound.
 *
 * - `npm run synth` with nothing changed, against the bare CLI (`node lib/src/cli.js synth`): at most 2×.
 * - a whole `monstack synth` process (every built-in environment, every target), against a process that
 *   only loads cdk8s, cdk8s-plus-28, js-yaml, yargs and ajv: at most 3×, into an up-to-date output (what
 *   a repeated synth finds). Into an empty directory (every file written) the file system's share, which
 *   varies several-fold from run to run on a virtual disk, is on both sides: at most 3× a process that loads
 *   the same libraries and then writes the same files into a new directory (the plain ratio is shown too).
 * - each generated rule group's evaluation cost in a real Prometheus, against a bare rate (rule-cost.ts).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EnvironmentStack, newStack } from '../../src/build-stack';
import { loadEnvironment } from '../../src/config/load';
import { render, renderStack } from '../../src/synth';
import { toYaml } from '../../constructs/yaml';
import { ruleCost } from './rule-cost';

const RUNS = 5;
/** Process timings are noisier than in-process ones: more runs, interleaved. */
const PROCESS_RUNS = 9;
const ROOT = path.resolve(__dirname, '..', '..', '..');
const LIBRARIES = ['cdk8s', 'cdk8s-plus-28', 'js-yaml', 'yargs', 'ajv'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(fn: () => unknown): Promise<number> {
  await fn(); // warm-up: module loading and JIT are not what we measure
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** A prod stack grown by `factor`: that many extra scrape jobs and rule groups per built-in one. */
function grownStack(factor: number): EnvironmentStack {
  const stack = newStack(loadEnvironment('prod'));
  const prometheus = stack.prometheus!;
  for (let i = 0; i < factor * 10; i++) {
    prometheus.addScrapeJob({
      jobName: `bench-job-${i}`,
      // A declared counter with a label, so the type checker has labels and a counter to follow.
      metrics: [{ name: 'bench_requests_total', type: 'counter', labels: ['code'] }],
      render: () => ({ job_name: `bench-job-${i}`, static_configs: [{ targets: [`bench-${i}:9100`] }] }),
    });
    const group = {
      name: `bench-group-${i}`,
      rules: Array.from({ length: 10 }, (_, r) => ({ record: `bench:rule_${r}:rate5m`, expr: `sum by (job, code) (rate(bench_requests_total{job="bench-job-${i}"}[5m]))` })),
    };
    prometheus.addRuleFile(`bench-${i}.yaml`, toYaml({ groups: [group] }));
  }
  return stack;
}

/** Wall time of one child process, in ms; a failing process fails the bench. */
function timeProcess(command: string, args: readonly string[], before?: () => void): number {
  before?.();
  // The output of the runs before (5.7 MB each into an empty directory) is written back to disk first, so
  // no run is timed while the kernel writes another's files (`sync`, untimed; skipped where there is none).
  spawnSync('sync', [], { stdio: 'ignore' });
  const start = performance.now();
  const r = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

interface Ratio {
  readonly what: string;
  readonly ms: number;
  readonly floor: string;
  readonly floorMs: number;
  /** None: shown, not held to one. */
  readonly bound?: number;
}

/** Each process once per round, round after round, then the median of each. */
function processRatios(): Ratio[] {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'monstack-bench-'));
  try {
    const upToDate = path.join(work, 'up-to-date');
    const empty = path.join(work, 'empty');
    const copies = path.join(work, 'copies');
    const cli = [path.join('lib', 'src', 'cli.js'), 'synth'];
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const runs = {
      floor: () => timeProcess(process.execPath, ['-e', LIBRARIES.map((l) => `require(${JSON.stringify(l)});`).join('')]),
      bare: () => timeProcess(process.execPath, [...cli, '--out', upToDate]),
      npm: () => timeProcess(npm, ['run', '--silent', 'synth', '--', '--out', upToDate]),
      // A directory that never existed, each run, as a first synth finds it (not the paths of the previous
      // run's output, just removed).
      fresh: (round: number) => timeProcess(process.execPath, [...cli, '--out', path.join(empty, String(round))]),
      // The floor with the file system's share of an empty-directory synth: the same libraries loaded, then the
      // same files (a copy of the up-to-date output, read from the file cache) written into a new directory.
      floorWriting: (round: number) =>
        timeProcess(process.execPath, ['-e', `${LIBRARIES.map((l) => `require(${JSON.stringify(l)});`).join('')}require('fs').cpSync(${JSON.stringify(upToDate)}, ${JSON.stringify(path.join(copies, String(round)))}, { recursive: true });`]),
    };
    // Warm-up: writes the output the up-to-date runs find and fills the file cache.
    runs.bare();
    const samples = Object.fromEntries(Object.keys(runs).map((k) => [k, [] as number[]])) as Record<keyof typeof runs, number[]>;
    for (let i = 0; i < PROCESS_RUNS; i++) for (const [k, run] of Object.entries(runs)) samples[k as keyof typeof runs].push(run(i));
    const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<keyof typeof runs, number>;
    const floor = `a process loading ${LIBRARIES.join(', ')}`;
    return [
      { what: '`npm run synth`, nothing changed', ms: m.npm, floor: '`node lib/src/cli.js synth`', floorMs: m.bare, bound: 2 },
      { what: '`monstack synth` process, output up to date', ms: m.bare, floor, floorMs: m.floor, bound: 3 },
      { what: '`monstack synth` process, into an empty directory', ms: m.fresh, floor: `${floor}, then writing the same files into a new directory`, floorMs: m.floorWriting, bound: 3 },
      { what: '`monstack synth` process, into an empty directory', ms: m.fresh, floor, floorMs: m.floor },
    ];
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const ratios = processRatios();
  const full = await time(() => render({ envs: [], targets: ['k8s', 'compose'] }));
  const rows: string[] = [];
  for (const factor of [1, 10, 100]) {
    const ms = await time(() => {
      renderStack(grownStack(factor), ['k8s', 'compose']);
    });
    rows.push( `| prod, +${factor * 10} scrape jobs, +${factor * 10} rule groups (×${factor}) | ${ms.toFixed(0)} ms |`);
  }
  const over = ratios.filter((r) => r.bound !== undefined && r.ms / r.floorMs > r.bound);
  process.stdout.write(
    [
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; processes: median of ${PROCESS_RUNS} interleaved runs; in memory: median of ${RUNS} runs after a warm-up.`,
      '',
      '| Process | Wall time | Against | Its time | Ratio (bound) |',
      '|---|---|---|---|---|',
      ...ratios.map((r) => `| ${r.what} | ${r.ms.toFixed(0)} ms | ${r.floor} | ${r.floorMs.toFixed(0)} ms | ${(r.ms / r.floorMs).toFixed(2)}× (${r.bound === undefined ? 'no bound' : `≤ ${r.bound}×`}) |`),
      '',
      '| In memory | Wall time |',
      '|---|---|',
      `| full synth: every built-in environment, both targets (in memory) | ${full.toFixed(0)} ms |`,
      ...rows,
      '',
    ].join('\n'),
  );
  for (const r of over) process.stderr.write(`bench: ${r.what} costs ${(r.ms / r.floorMs).toFixed(2)}× ${r.floor}, over its bound of ${r.bound}×\n`);
  // After the synth timings, so Prometheus does not weigh on them.
  const rules = await ruleCost();
  if (rules) process.stdout.write(rules.markdown);
  for (const o of rules?.over ?? []) process.stderr.write(`bench: ${o}\n`);
  if (over.length > 0 || (rules?.over.length ?? 0) > 0) process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
