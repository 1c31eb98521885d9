/**
 * `npm run bench`: wall time of a full synth (every built-in environment, both targets), and how it
 * grows with the number of scrape jobs and rule groups (checked, rendered to both targets). Prints a Markdown table for the README.
 */
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { MonitoringStack } from '../../constructs';
import { newStack } from '../../src/build-stack';
import { loadEnvironment } from '../../src/config/load';
import { render, renderStack } from '../../src/synth';
import { toYaml } from '../../constructs/yaml';

const RUNS = 5;

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
function grownStack(factor: number): MonitoringStack {
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

async function main(): Promise<void> {
  const full = await time(() => render({ envs: [], targets: ['k8s', 'compose'] }));
  const rows: string[] = [];
  for (const factor of [1, 10, 100]) {
    const ms = await time(() => {
      renderStack(grownStack(factor), ['k8s', 'compose']);
    });
    rows.push( `| prod, +${factor * 10} scrape jobs, +${factor * 10} rule groups (×${factor}) | ${ms.toFixed(0)} ms |`);
  }
  process.stdout.write(
    [
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; median of ${RUNS} runs after a warm-up.`,
      '',
      '| What | Wall time |',
      '|---|---|',
      `| full synth: every built-in environment, both targets (in memory) | ${full.toFixed(0)} ms |`,
      ...rows,
      '',
    ].join('\n'),
  );
}

void main();
