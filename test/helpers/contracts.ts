/** Facts the helpers agreed on (the contracts), written here rather than read from product code. */

/** Every scrape job name: the services Prometheus scrapes and the application job. */
export const CONTRACT_JOBS: ReadonlySet<string> = new Set([
  'prometheus',
  'alertmanager',
  'grafana',
  'loki',
  'promtail',
  'jaeger',
  'elasticsearch-exporter',
  'logstash-exporter',
  'node-exporter',
  'cadvisor',
  'redis-exporter',
  'postgres-exporter',
  'gpu-exporter',
  'dynamic-graph-fed-rl',
]);
