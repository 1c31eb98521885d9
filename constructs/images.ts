/**
 * Every image the stack runs, pinned to a release tag (never `latest`). One place to bump them;
 * an environment can still override any of them (`components.<name>.image`).
 */
export const IMAGES = Object.freeze({
  prometheus: 'prom/prometheus:v3.13.2', // the supported LTS line: 3.5 LTS ended 2026-07-31
  alertmanager: 'prom/alertmanager:v0.35.1',
  grafana: 'grafana/grafana:13.2.0',
  loki: 'grafana/loki:3.7.7',
  promtail: 'grafana/promtail:3.6.11', // last Promtail release line (EOL 2026-03-02; no images after 3.6.x)
  jaeger: 'jaegertracing/jaeger:2.21.0',
  elasticsearch: 'docker.elastic.co/elasticsearch/elasticsearch:8.19.26',
  logstash: 'docker.elastic.co/logstash/logstash:8.19.26',
  kibana: 'docker.elastic.co/kibana/kibana:8.19.26',
  nodeExporter: 'prom/node-exporter:v1.12.1',
  cadvisor: 'ghcr.io/google/cadvisor:v0.60.5',
  redisExporter: 'oliver006/redis_exporter:v1.91.1',
  postgresExporter: 'prometheuscommunity/postgres-exporter:v0.20.1',
  elasticsearchExporter: 'prometheuscommunity/elasticsearch-exporter:v1.11.0',
  logstashExporter: 'ghcr.io/kuskoman/logstash-exporter:v1.9.1', // v1 line: configured by environment variables
  gpuExporter: 'nvcr.io/nvidia/k8s/dcgm-exporter:4.5.2-4.8.1-ubuntu22.04', // last ubuntu build; later releases are distroless only
  /** Small image with a shell for the Elasticsearch sysctl init container. */
  busybox: 'busybox:1.37.0',
});
