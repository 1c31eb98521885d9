/**
 * What each scrape job exposes, keyed by job name (= service name; the application's job is
 * `dynamic-graph-fed-rl`). The stack's coverage check and the dashboards' tests read these to prove
 * that every query reads something that is really scraped, and the type checker reads their labels.
 *
 * Shape (constructs/metrics.ts): a list of `{ name, type, labels, help }` per job. `name` is the family
 * as its `# TYPE` line names it (a histogram's, not its `_bucket` series); `type` is that line's type
 * (counter, gauge, histogram, summary, untyped); `labels` are the label names the target itself puts on
 * the family's samples: not the scrape's (`job`, `instance`, relabelled ones), not `le` or
 * `quantile`. A real /metrics compares with this directly.
 */
import { COMPONENT_NAMES, COMPONENTS } from '../component-table';
import { MetricFamily, seriesNames } from '../metrics';
import { APPLICATION_METRICS } from './dynamic-graph-fed-rl';

/** The application's job name in the catalogue; environments may rename the job (`application.job`). */
export const APPLICATION_JOB = 'dynamic-graph-fed-rl';

/** Each scraped component's catalogue (constructs/component-table.ts), and the application job's. */
export const CATALOGUES: Readonly<Record<string, readonly MetricFamily[]>> = Object.freeze({
  ...Object.fromEntries(COMPONENT_NAMES.flatMap((name) => {
    const metrics: readonly MetricFamily[] | undefined = COMPONENTS[name].metrics;
    return metrics ? [[name, metrics]] : [];
  })),
  [APPLICATION_JOB]: APPLICATION_METRICS,
});

/** What a job exposes, the application's catalogue found under whatever name the environment gives its job. */
export function catalogueLookup(applicationJob: string): (job: string) => readonly MetricFamily[] | undefined {
  return (job) => CATALOGUES[job === applicationJob ? APPLICATION_JOB : job];
}

/** Every series name the given jobs expose, histogram and summary parts expanded. */
export function seriesOfJobs(jobs: Iterable<string>): Set<string> {
  const series = new Set<string>();
  for (const job of jobs) for (const family of CATALOGUES[job] ?? []) for (const name of seriesNames(family)) series.add(name);
  return series;
}

export { ALERTMANAGER_METRICS } from './alertmanager';
export { APPLICATION_METRICS };
export { CADVISOR_METRICS } from './cadvisor';
export { ELASTICSEARCH_EXPORTER_METRICS } from './elasticsearch-exporter';
export { GPU_EXPORTER_METRICS } from './gpu-exporter';
export { GRAFANA_METRICS } from './grafana';
export { JAEGER_METRICS } from './jaeger';
export { LOGSTASH_EXPORTER_METRICS } from './logstash-exporter';
export { LOKI_METRICS } from './loki';
export { NODE_EXPORTER_METRICS } from './node-exporter';
export { POSTGRES_EXPORTER_METRICS } from './postgres-exporter';
export { PROMETHEUS_METRICS } from './prometheus';
export { PROMTAIL_METRICS } from './promtail';
export { REDIS_EXPORTER_METRICS } from './redis-exporter';
