/** Alertmanager's own metrics (prom/alertmanager v0.35), scraped by the `alertmanager` job. */
import { absentWhen, counter, gauge, histogram, MetricFamily, summary, withOlderReleases } from '../metrics';
import { GO_SERVICE } from './runtime';

/** Alertmanager registers its cluster families only when it gossips with peers. */
const CLUSTER_OFF = 'when clustering is off (one copy, started with --cluster.listen-address=, as compose runs it)';

export const ALERTMANAGER_METRICS: readonly MetricFamily[] = [
  gauge('alertmanager_build_info', ['branch', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'], 'Version, revision and branch, as labels'),
  gauge('alertmanager_config_last_reload_successful', [], 'Whether the last configuration reload succeeded'),
  gauge('alertmanager_config_last_reload_success_timestamp_seconds', [], 'Time of the last successful reload'),
  gauge('alertmanager_config_hash', [], 'Hash of the loaded configuration'),
  gauge('alertmanager_alerts', ['state'], 'Alerts, by state'),
  counter('alertmanager_alerts_received_total', ['status', 'version'], 'Alerts received, by status'),
  counter('alertmanager_alerts_invalid_total', ['version'], 'Alerts received that were invalid'),
  counter('alertmanager_notifications_total', ['integration'], 'Notifications attempted, by integration'),
  withOlderReleases(counter('alertmanager_notifications_failed_total', ['integration', 'reason'], 'Notifications that failed, by integration and reason'), {
    before: '0.26.0',
    lacksLabels: ['reason'],
    source: 'prometheus/alertmanager CHANGELOG 0.26.0: New label reason for alertmanager_notifications_failed_total (#3094 #3307); notify/notify.go at v0.26.0',
  }),
  counter('alertmanager_notification_requests_total', ['integration'], 'Requests made to integrations'),
  counter('alertmanager_notification_requests_failed_total', ['integration'], 'Requests to integrations that failed'),
  histogram('alertmanager_notification_latency_seconds', ['integration'], 'Latency of notifications, by integration'),
  gauge('alertmanager_silences', ['state'], 'Silences, by state'),
  gauge('alertmanager_dispatcher_aggregation_groups', [], 'Alert groups being dispatched'),
  summary('alertmanager_dispatcher_alert_processing_duration_seconds', [], 'Time to process an alert'),
  gauge('alertmanager_cluster_enabled', [], 'Whether clustering is on'),
  absentWhen(gauge('alertmanager_cluster_members', [], 'Members of the cluster'), CLUSTER_OFF),
  absentWhen(gauge('alertmanager_cluster_failed_peers', [], 'Peers in the failed state'), CLUSTER_OFF),
  absentWhen(gauge('alertmanager_cluster_health_score', [], 'Cluster health; 0 is healthy'), CLUSTER_OFF),
  absentWhen(gauge('alertmanager_peer_position', [], 'Position of this peer in the cluster'), CLUSTER_OFF),
  counter('alertmanager_nflog_queries_total', [], 'Notification log queries'),
  histogram('alertmanager_http_request_duration_seconds', ['code', 'handler', 'method'], 'HTTP request latency, by handler'),
  ...GO_SERVICE,
];
