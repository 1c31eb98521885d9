/**
 * Every image the stack runs, pinned to a release tag (never `latest`). One place to bump them;
 * an environment can still override any of them (`components.<name>.image`).
 */
export const IMAGES = Object.freeze({
  prometheus: 'prom/prometheus:v3.5.0',
  alertmanager: 'prom/alertmanager:v0.34.0',
  grafana: 'grafana/grafana:13.0.0',
  loki: 'grafana/loki:3.7.0',
  promtail: 'grafana/promtail:3.6.0',
  jaeger: 'jaegertracing/jaeger:2.10.0',
  elasticsearch: 'docker.elastic.co/elasticsearch/elasticsearch:8.19.0',
  logstash: 'docker.elastic.co/logstash/logstash:8.19.0',
  kibana: 'docker.elastic.co/kibana/kibana:8.19.0',
  nodeExporter: 'prom/node-exporter:v1.12.0',
  cadvisor: 'ghcr.io/google/cadvisor:v0.60.0',
  redisExporter: 'oliver006/redis_exporter:v1.88.0',
  postgresExporter: 'prometheuscommunity/postgres-exporter:v0.20.0',
  gpuExporter: 'nvcr.io/nvidia/k8s/dcgm-exporter:4.4.0-4.5.0-ubuntu22.04',
  /** Small image with a shell for the Elasticsearch sysctl init container. */
  busybox: 'busybox:1.37.0',
});
