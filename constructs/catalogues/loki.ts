/** Loki's own metrics (grafana/loki 3.7, single binary), scraped by the `loki` job. */
import { counter, gauge, histogram, MetricFamily } from '../metrics';
import { GO_SERVICE } from './runtime';

export const LOKI_METRICS: readonly MetricFamily[] = [
  gauge('loki_build_info', ['branch', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'], 'Version, revision and branch, as labels'),
  histogram('loki_request_duration_seconds', ['method', 'route', 'status_code', 'ws'], 'Request latency, by route and status code'),
  gauge('loki_inflight_requests', ['method', 'route'], 'Requests being served, by route'),
  counter('loki_distributor_lines_received_total', ['aggregated_metric', 'tenant'], 'Log lines received, by tenant'),
  counter('loki_distributor_bytes_received_total', ['aggregated_metric', 'retention_hours', 'tenant'], 'Bytes of log lines received, by tenant'),
  counter('loki_distributor_structured_metadata_bytes_received_total', ['aggregated_metric', 'retention_hours', 'tenant'], 'Bytes of structured metadata received'),
  counter('loki_discarded_samples_total', ['reason', 'tenant'], 'Lines discarded, by reason (rate limit, too old, ...)'),
  counter('loki_discarded_bytes_total', ['reason', 'tenant'], 'Bytes discarded, by reason'),
  gauge('loki_ingester_memory_streams', [], 'Streams held in memory'),
  gauge('loki_ingester_memory_chunks', [], 'Chunks held in memory'),
  counter('loki_ingester_streams_created_total', [], 'Streams created'),
  counter('loki_ingester_chunks_flushed_total', ['reason'], 'Chunks flushed, by reason'),
  gauge('loki_ingester_flush_queue_length', [], 'Chunks waiting to be flushed'),
  counter('loki_ingester_wal_records_logged_total', [], 'Records written to the WAL'),
  counter('loki_ingester_wal_disk_full_failures_total', [], 'WAL writes that failed on a full disk'),
  counter('loki_panic_total', [], 'Panics recovered'),
  counter('loki_internal_log_messages_total', ['level'], 'Loki\'s own log lines, by level'),
  ...GO_SERVICE,
];
