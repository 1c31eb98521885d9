/**
 * Jaeger v2's own metrics (jaegertracing/jaeger 2.21): it is an OpenTelemetry Collector distribution,
 * so its internal telemetry is the collector's, served on :8888 by the OpenTelemetry Prometheus
 * exporter. That exporter appends `_total` to counters and the unit to names (collector ≥ 0.120,
 * `without_type_suffix`/`without_units` left off), hence `otelcol_receiver_accepted_spans_total` and
 * `otelcol_process_uptime_seconds_total`. Storage and query metrics come from Jaeger's own decorators.
 */
import { counter, gauge, histogram, MetricFamily } from '../metrics';

export const JAEGER_METRICS: readonly MetricFamily[] = [
  gauge('target_info', 'Resource attributes of the process (service name, version), as labels'),
  // Receivers (OTLP gRPC/HTTP): what the applications sent
  counter('otelcol_receiver_accepted_spans_total', 'Spans pushed into the pipeline, by receiver and transport'),
  counter('otelcol_receiver_refused_spans_total', 'Spans the pipeline refused, by receiver and transport'),
  // Exporters (jaeger_storage_exporter): what reached storage
  counter('otelcol_exporter_sent_spans_total', 'Spans sent to the storage'),
  counter('otelcol_exporter_send_failed_spans_total', 'Spans that failed to be sent'),
  counter('otelcol_exporter_enqueue_failed_spans_total', 'Spans that could not be queued'),
  gauge('otelcol_exporter_queue_size', 'Batches in the sending queue'),
  gauge('otelcol_exporter_queue_capacity', 'Capacity of the sending queue'),
  // Processors (batch)
  histogram('otelcol_processor_batch_batch_send_size', 'Items per batch sent'),
  counter('otelcol_processor_batch_timeout_trigger_send_total', 'Batches sent because the timeout fired'),
  counter('otelcol_processor_incoming_items_total', 'Items entering a processor'),
  counter('otelcol_processor_outgoing_items_total', 'Items leaving a processor'),
  // The process
  counter('otelcol_process_uptime_seconds_total', 'Uptime of the process'),
  counter('otelcol_process_cpu_seconds_total', 'CPU time used'),
  gauge('otelcol_process_memory_rss_bytes', 'Resident memory'),
  gauge('otelcol_process_runtime_heap_alloc_bytes', 'Heap bytes allocated'),
  gauge('otelcol_process_runtime_total_sys_memory_bytes', 'Memory obtained from the OS'),
  // Jaeger's storage and query decorators
  histogram('jaeger_storage_latency_seconds', 'Latency of storage reads, by operation and result'),
  counter('jaeger_query_requests_total', 'Query service requests, by operation and result'),
];
