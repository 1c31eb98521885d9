/**
 * The monitoring stack watching itself: are the targets up, do scrapes, rules and notifications work,
 * and is data flowing in (samples, log lines, spans, Logstash events). A row per component, present
 * only where that component runs.
 */
import { PROMETHEUS_DS, STACK_LINKS, STACK_TAG, UP_MAPPINGS, UP_THRESHOLDS } from './common';
import { Dashboard, DashboardContext, promql, RATE, stat, table, thresholds, timeseries } from './model';

const FAILING = thresholds('green', [0.001, 'red']);

export function stackHealth(_context: DashboardContext): Dashboard {
  return {
    title: 'Monitoring Stack Health',
    description: 'Targets, scrapes, rule evaluation, notifications and ingestion of the monitoring stack itself.',
    tags: [STACK_TAG, 'self-monitoring'],
    requires: ['prometheus'],
    variables: [PROMETHEUS_DS],
    links: STACK_LINKS,
    rows: [
      {
        title: 'Targets',
        panels: [
          stat({ title: 'Targets Down', targets: [promql('count(up == 0) or vector(0)', 'down')], thresholds: thresholds('green', [1, 'red']), background: true, sparkline: false }),
          stat({ title: 'Targets Up', targets: [promql('count(up == 1)', 'up')], sparkline: false }),
          stat({ title: 'Slowest Scrape', targets: [promql('max(scrape_duration_seconds)', 'slowest')], unit: 's' }),
          stat({ title: 'Samples per Scrape', targets: [promql('sum(scrape_samples_scraped)', 'samples')] }),
          table({ title: 'Target Status', targets: [promql('up', '', { format: 'table' })], mappings: UP_MAPPINGS, thresholds: UP_THRESHOLDS, hideColumns: ['Time', '__name__'] }),
          timeseries({ title: 'Scrape Duration by Job', targets: [promql('max by (job) (scrape_duration_seconds)', '{{job}}')], unit: 's' }),
        ],
      },
      {
        title: 'Prometheus',
        panels: [
          timeseries({
            title: 'Rule Evaluation Failures',
            targets: [promql(`sum by (rule_group) (rate(prometheus_rule_evaluation_failures_total{job="prometheus"}[${RATE}]))`, '{{rule_group}}')],
            thresholds: FAILING,
          }),
          timeseries({
            title: 'Rule Group Iterations Missed',
            targets: [promql(`sum by (rule_group) (rate(prometheus_rule_group_iterations_missed_total{job="prometheus"}[${RATE}]))`, '{{rule_group}}')],
            thresholds: FAILING,
          }),
          timeseries({
            title: 'Alert Notifications to Alertmanager',
            targets: [
              promql(`sum by (instance) (rate(prometheus_notifications_sent_total{job="prometheus"}[${RATE}]))`, 'sent {{instance}}'),
              promql(`sum by (instance) (rate(prometheus_notifications_errors_total{job="prometheus"}[${RATE}]))`, 'errors {{instance}}'),
              promql(`sum by (instance) (rate(prometheus_notifications_dropped_total{job="prometheus"}[${RATE}]))`, 'dropped {{instance}}'),
            ],
          }),
          timeseries({
            title: 'Samples Ingested',
            targets: [promql(`sum by (instance) (rate(prometheus_tsdb_head_samples_appended_total{job="prometheus"}[${RATE}]))`, '{{instance}}')],
            unit: 'short',
          }),
          timeseries({ title: 'Head Series', targets: [promql('sum by (instance) (prometheus_tsdb_head_series{job="prometheus"})', '{{instance}}')] }),
          stat({
            title: 'Prometheus Config Reloaded',
            targets: [promql('min(prometheus_config_last_reload_successful{job="prometheus"})', 'reload')],
            mappings: [{ value: 1, text: 'OK', color: 'green' }, { value: 0, text: 'FAILED', color: 'red' }],
            thresholds: UP_THRESHOLDS,
            background: true,
            sparkline: false,
            height: 8,
          }),
          stat({
            title: 'Compactions Failed (24h)',
            targets: [promql('sum(increase(prometheus_tsdb_compactions_failed_total{job="prometheus"}[24h]))', 'failed')],
            thresholds: thresholds('green', [1, 'red']),
            height: 8,
          }),
        ],
      },
      {
        title: 'Alertmanager',
        requires: ['alertmanager'],
        panels: [
          timeseries({
            title: 'Notifications Failed',
            targets: [promql(`sum by (integration) (rate(alertmanager_notifications_failed_total{job="alertmanager"}[${RATE}]))`, '{{integration}}')],
            thresholds: FAILING,
          }),
          timeseries({
            title: 'Notifications Sent',
            targets: [promql(`sum by (integration) (rate(alertmanager_notifications_total{job="alertmanager"}[${RATE}]))`, '{{integration}}')],
          }),
          timeseries({ title: 'Alerts by State', targets: [promql('max by (state) (alertmanager_alerts{job="alertmanager"})', '{{state}}')] }),
          timeseries({ title: 'Cluster Members', targets: [promql('min by (instance) (alertmanager_cluster_members{job="alertmanager"})', '{{instance}}')] }),
        ],
      },
      {
        title: 'Grafana',
        requires: ['grafana'],
        panels: [
          timeseries({
            title: 'Grafana Requests by Status',
            targets: [promql(`sum by (status_code) (rate(grafana_http_request_duration_seconds_count{job="grafana"}[${RATE}]))`, '{{status_code}}')],
            unit: 'reqps',
          }),
          timeseries({
            title: 'Grafana Datasource Errors',
            targets: [promql(`sum by (datasource) (rate(grafana_datasource_request_total{job="grafana", code!~"2.."}[${RATE}]))`, '{{datasource}}')],
            thresholds: FAILING,
          }),
        ],
      },
      {
        title: 'Logs pipeline',
        requires: ['loki'],
        panels: [
          timeseries({
            title: 'Loki Lines Received',
            targets: [promql(`sum(rate(loki_distributor_lines_received_total{job="loki"}[${RATE}]))`, 'lines/s')],
          }),
          timeseries({
            title: 'Loki Lines Discarded',
            targets: [promql(`sum by (reason) (rate(loki_discarded_samples_total{job="loki"}[${RATE}]))`, '{{reason}}')],
            thresholds: FAILING,
          }),
          timeseries({
            title: 'Loki Request Latency (p99)',
            targets: [promql(`histogram_quantile(0.99, sum by (le, route) (rate(loki_request_duration_seconds_bucket{job="loki"}[${RATE}])))`, '{{route}}')],
            unit: 's',
          }),
          timeseries({
            title: 'Promtail Entries Sent and Dropped',
            requires: ['promtail'],
            targets: [
              promql(`sum(rate(promtail_sent_entries_total{job="promtail"}[${RATE}]))`, 'sent'),
              promql(`sum(rate(promtail_dropped_entries_total{job="promtail"}[${RATE}]))`, 'dropped'),
            ],
          }),
        ],
      },
      {
        title: 'Traces pipeline',
        requires: ['jaeger'],
        panels: [
          timeseries({
            title: 'Jaeger Spans Accepted and Refused',
            targets: [
              promql(`sum(rate(otelcol_receiver_accepted_spans_total{job="jaeger"}[${RATE}]))`, 'accepted'),
              promql(`sum(rate(otelcol_receiver_refused_spans_total{job="jaeger"}[${RATE}]))`, 'refused'),
            ],
          }),
          timeseries({
            title: 'Jaeger Spans Failed to Store',
            targets: [promql(`sum(rate(otelcol_exporter_send_failed_spans_total{job="jaeger"}[${RATE}]))`, 'failed')],
            thresholds: FAILING,
          }),
        ],
      },
      {
        title: 'Elasticsearch and Logstash',
        panels: [
          stat({
            title: 'Elasticsearch Cluster Health',
            requires: ['elasticsearch-exporter'],
            targets: [promql('2 * max(elasticsearch_cluster_health_status{job="elasticsearch-exporter", color="green"}) + max(elasticsearch_cluster_health_status{job="elasticsearch-exporter", color="yellow"})', 'health')],
            mappings: [
              { value: 2, text: 'GREEN', color: 'green' },
              { value: 1, text: 'YELLOW', color: 'yellow' },
              { value: 0, text: 'RED', color: 'red' },
            ],
            thresholds: thresholds('red', [1, 'yellow'], [2, 'green']),
            background: true,
            sparkline: false,
          }),
          stat({
            title: 'Elasticsearch Unassigned Shards',
            requires: ['elasticsearch-exporter'],
            targets: [promql('max(elasticsearch_cluster_health_unassigned_shards{job="elasticsearch-exporter"})', 'unassigned')],
            thresholds: thresholds('green', [1, 'orange']),
          }),
          stat({
            title: 'Logstash Up',
            requires: ['logstash-exporter'],
            targets: [promql('min(logstash_info_up{job="logstash-exporter"})', 'up')],
            mappings: UP_MAPPINGS,
            thresholds: UP_THRESHOLDS,
            background: true,
            sparkline: false,
          }),
          stat({
            title: 'Logstash Pipelines Up',
            requires: ['logstash-exporter'],
            targets: [promql('min(logstash_stats_pipeline_up{job="logstash-exporter"})', 'pipelines')],
            mappings: UP_MAPPINGS,
            thresholds: UP_THRESHOLDS,
            sparkline: false,
          }),
          timeseries({
            title: 'Elasticsearch JVM Heap Used',
            requires: ['elasticsearch-exporter'],
            targets: [promql('max by (name) (elasticsearch_jvm_memory_used_bytes{job="elasticsearch-exporter", area="heap"} / elasticsearch_jvm_memory_max_bytes{job="elasticsearch-exporter", area="heap"})', '{{name}}')],
            unit: 'percentunit',
          }),
          timeseries({
            title: 'Logstash Events',
            requires: ['logstash-exporter'],
            targets: [
              promql(`sum by (pipeline) (rate(logstash_stats_pipeline_events_in{job="logstash-exporter"}[${RATE}]))`, 'in {{pipeline}}'),
              promql(`sum by (pipeline) (rate(logstash_stats_pipeline_events_out{job="logstash-exporter"}[${RATE}]))`, 'out {{pipeline}}'),
            ],
          }),
        ],
      },
    ],
  };
}
