/** Prometheus' own metrics (prom/prometheus v3.13), scraped by the `prometheus` job. */
import { counter, gauge, histogram, MetricFamily, summary } from '../metrics';
import { GO_SERVICE } from './runtime';

export const PROMETHEUS_METRICS: readonly MetricFamily[] = [
  gauge('prometheus_build_info', ['branch', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'], 'Version, revision and branch, as labels'),
  gauge('prometheus_ready', [], 'Whether the server is ready to serve queries'),
  gauge('prometheus_config_last_reload_successful', [], 'Whether the last configuration reload succeeded'),
  gauge('prometheus_config_last_reload_success_timestamp_seconds', [], 'Time of the last successful reload'),
  // Rule evaluation
  counter('prometheus_rule_evaluations_total', ['rule_group'], 'Rule evaluations'),
  counter('prometheus_rule_evaluation_failures_total', ['rule_group'], 'Rule evaluations that failed'),
  summary('prometheus_rule_evaluation_duration_seconds', [], 'Duration of rule evaluations'),
  summary('prometheus_rule_group_duration_seconds', [], 'Duration of rule group evaluations'),
  gauge('prometheus_rule_group_last_duration_seconds', ['rule_group'], 'Duration of the last evaluation of a group'),
  gauge('prometheus_rule_group_interval_seconds', ['rule_group'], 'Evaluation interval of a group'),
  counter('prometheus_rule_group_iterations_total', ['rule_group'], 'Scheduled evaluations of a group'),
  counter('prometheus_rule_group_iterations_missed_total', ['rule_group'], 'Evaluations missed because one ran too long'),
  gauge('prometheus_rule_group_last_evaluation_timestamp_seconds', ['rule_group'], 'Time of the last evaluation of a group'),
  gauge('prometheus_rule_group_rules', ['rule_group'], 'Rules in a group'),
  // Notifications to Alertmanager
  counter('prometheus_notifications_sent_total', ['alertmanager'], 'Alerts sent'),
  counter('prometheus_notifications_errors_total', ['alertmanager'], 'Sends that failed'),
  counter('prometheus_notifications_dropped_total', [], 'Alerts dropped by errors or a full queue'),
  gauge('prometheus_notifications_queue_length', [], 'Alerts waiting in the queue'),
  gauge('prometheus_notifications_queue_capacity', [], 'Capacity of the alert queue'),
  gauge('prometheus_notifications_alertmanagers_discovered', [], 'Alertmanagers discovered and active'),
  summary('prometheus_notifications_latency_seconds', ['alertmanager'], 'Latency of sends to an Alertmanager'),
  // Scraping and discovery
  summary('prometheus_target_interval_length_seconds', ['interval'], 'Actual intervals between scrapes'),
  gauge('prometheus_target_scrape_pool_targets', ['scrape_job'], 'Targets in a scrape pool'),
  counter('prometheus_target_scrapes_exceeded_sample_limit_total', [], 'Scrapes that hit the sample limit'),
  counter('prometheus_target_scrapes_sample_duplicate_timestamp_total', [], 'Samples rejected for a duplicate timestamp'),
  counter('prometheus_target_scrapes_sample_out_of_order_total', [], 'Samples rejected as out of order'),
  gauge('prometheus_sd_discovered_targets', ['config', 'name'], 'Targets discovered, by config'),
  counter('prometheus_sd_kubernetes_events_total', ['event', 'role'], 'Kubernetes events handled by service discovery'),
  // Storage
  gauge('prometheus_tsdb_head_series', [], 'Series in the head block'),
  gauge('prometheus_tsdb_head_chunks', [], 'Chunks in the head block'),
  counter('prometheus_tsdb_head_samples_appended_total', ['type'], 'Samples appended to the head, by type (float, histogram)'),
  counter('prometheus_tsdb_compactions_total', [], 'Compactions run'),
  counter('prometheus_tsdb_compactions_failed_total', [], 'Compactions that failed'),
  counter('prometheus_tsdb_reloads_failures_total', [], 'Block reloads that failed'),
  counter('prometheus_tsdb_wal_corruptions_total', [], 'WAL corruptions found'),
  counter('prometheus_tsdb_wal_truncations_failed_total', [], 'WAL truncations that failed'),
  gauge('prometheus_tsdb_storage_blocks_bytes', [], 'Bytes the persistent blocks take'),
  gauge('prometheus_tsdb_blocks_loaded', [], 'Blocks loaded'),
  gauge('prometheus_tsdb_lowest_timestamp_seconds', [], 'Oldest sample kept'),
  counter('prometheus_tsdb_size_retentions_total', [], 'Blocks deleted by the size retention'),
  counter('prometheus_tsdb_time_retentions_total', [], 'Blocks deleted by the time retention'),
  // Queries and the HTTP API
  summary('prometheus_engine_query_duration_seconds', ['slice'], 'Query timings, by slice'),
  gauge('prometheus_engine_queries', [], 'Queries running or queued'),
  gauge('prometheus_engine_queries_concurrent_max', [], 'Most queries run at once'),
  counter('prometheus_http_requests_total', ['code', 'handler'], 'HTTP requests, by handler and code'),
  histogram('prometheus_http_request_duration_seconds', ['handler'], 'HTTP request latency, by handler'),
  ...GO_SERVICE,
];
