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
import { MetricFamily, seriesNames } from '../metrics';
import { ALERTMANAGER_METRICS } from './alertmanager';
import { CADVISOR_METRICS } from './cadvisor';
import { APPLICATION_METRICS } from './dynamic-graph-fed-rl';
import { ELASTICSEARCH_EXPORTER_METRICS } from './elasticsearch-exporter';
import { GPU_EXPORTER_METRICS } from './gpu-exporter';
import { GRAFANA_METRICS } from './grafana';
import { JAEGER_METRICS } from './jaeger';
import { LOGSTASH_EXPORTER_METRICS } from './logstash-exporter';
import { LOKI_METRICS } from './loki';
import { NODE_EXPORTER_METRICS } from './node-exporter';
import { POSTGRES_EXPORTER_METRICS } from './postgres-exporter';
import { PROMETHEUS_METRICS } from './prometheus';
import { PROMTAIL_METRICS } from './promtail';
import { REDIS_EXPORTER_METRICS } from './redis-exporter';

/** The application's job name in the catalogue; environments may rename the job (`application.job`). */
export const APPLICATION_JOB = 'dynamic-graph-fed-rl';

export const CATALOGUES: Readonly<Record<string, readonly MetricFamily[]>> = Object.freeze({
  prometheus: PROMETHEUS_METRICS,
  alertmanager: ALERTMANAGER_METRICS,
  grafana: GRAFANA_METRICS,
  loki: LOKI_METRICS,
  promtail: PROMTAIL_METRICS,
  jaeger: JAEGER_METRICS,
  'elasticsearch-exporter': ELASTICSEARCH_EXPORTER_METRICS,
  'logstash-exporter': LOGSTASH_EXPORTER_METRICS,
  'node-exporter': NODE_EXPORTER_METRICS,
  cadvisor: CADVISOR_METRICS,
  'redis-exporter': REDIS_EXPORTER_METRICS,
  'postgres-exporter': POSTGRES_EXPORTER_METRICS,
  'gpu-exporter': GPU_EXPORTER_METRICS,
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

export {
  ALERTMANAGER_METRICS,
  APPLICATION_METRICS,
  CADVISOR_METRICS,
  ELASTICSEARCH_EXPORTER_METRICS,
  GPU_EXPORTER_METRICS,
  GRAFANA_METRICS,
  JAEGER_METRICS,
  LOGSTASH_EXPORTER_METRICS,
  LOKI_METRICS,
  NODE_EXPORTER_METRICS,
  POSTGRES_EXPORTER_METRICS,
  PROMETHEUS_METRICS,
  PROMTAIL_METRICS,
  REDIS_EXPORTER_METRICS,
};
