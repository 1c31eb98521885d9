/** Promtail's own metrics (grafana/promtail 3.6), scraped by the `promtail` job. */
import { counter, gauge, histogram, MetricFamily } from '../metrics';
import { GO_SERVICE } from './runtime';

export const PROMTAIL_METRICS: readonly MetricFamily[] = [
  gauge('promtail_build_info', ['branch', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'], 'Version, revision and branch, as labels'),
  counter('promtail_read_bytes_total', ['path'], 'Bytes read from files, by path'),
  counter('promtail_read_lines_total', ['path'], 'Lines read from files, by path'),
  gauge('promtail_file_bytes_total', ['path'], 'Size of the files tailed, by path'),
  gauge('promtail_files_active_total', [], 'Files being tailed'),
  gauge('promtail_targets_active_total', [], 'Active targets'),
  counter('promtail_encoded_bytes_total', ['host'], 'Bytes encoded for sending'),
  counter('promtail_sent_bytes_total', ['host'], 'Bytes sent to Loki'),
  counter('promtail_sent_entries_total', ['host'], 'Entries sent to Loki'),
  counter('promtail_dropped_bytes_total', ['host', 'reason', 'tenant'], 'Bytes dropped after retries, by reason'),
  counter('promtail_dropped_entries_total', ['host', 'reason', 'tenant'], 'Entries dropped after retries, by reason'),
  counter('promtail_batch_retries_total', ['host', 'tenant'], 'Batches retried'),
  histogram('promtail_request_duration_seconds', ['host', 'status_code'], 'Latency of pushes to Loki, by status code'),
  counter('promtail_mutated_entries_total', [], 'Entries changed by the pipeline'),
  counter('promtail_config_reload_success_total', [], 'Configuration reloads that succeeded'),
  counter('promtail_config_reload_fail_total', [], 'Configuration reloads that failed'),
  ...GO_SERVICE,
];
