/**
 * Jaeger v2's own metrics (jaegertracing/jaeger 2.21): it is an OpenTelemetry Collector distribution,
 * so its internal telemetry is the collector's, served on :8888 by the OpenTelemetry Prometheus
 * exporter. That exporter appends `_total` to counters and the unit to names (collector ≥ 0.120,
 * `without_type_suffix`/`without_units` left off), hence `otelcol_receiver_accepted_spans_total` and
 * `otelcol_process_uptime_seconds_total`. Storage and query metrics come from Jaeger's own decorators.
 */
import { counter, gauge, histogram, MetricFamily } from '../metrics';

export const JAEGER_METRICS: readonly MetricFamily[] = [
  gauge('target_info', ['service_instance_id', 'service_name', 'service_version'], 'Resource attributes of the process (service name, version), as labels'),
  // Receivers (OTLP gRPC/HTTP): what the applications sent
  counter('otelcol_receiver_accepted_spans_total', ['receiver', 'service_instance_id', 'service_name', 'service_version', 'transport'], 'Spans pushed into the pipeline, by receiver and transport'),
  counter('otelcol_receiver_refused_spans_total', ['receiver', 'service_instance_id', 'service_name', 'service_version', 'transport'], 'Spans the pipeline refused, by receiver and transport'),
  // Exporters (jaeger_storage_exporter): what reached storage
  counter('otelcol_exporter_sent_spans_total', ['exporter', 'service_instance_id', 'service_name', 'service_version'], 'Spans sent to the storage'),
  counter('otelcol_exporter_send_failed_spans_total', ['exporter', 'service_instance_id', 'service_name', 'service_version'], 'Spans that failed to be sent'),
  counter('otelcol_exporter_enqueue_failed_spans_total', ['exporter', 'service_instance_id', 'service_name', 'service_version'], 'Spans that could not be queued'),
  gauge('otelcol_exporter_queue_size', ['data_type', 'exporter', 'service_instance_id', 'service_name', 'service_version'], 'Batches in the sending queue'),
  gauge('otelcol_exporter_queue_capacity', ['data_type', 'exporter', 'service_instance_id', 'service_name', 'service_version'], 'Capacity of the sending queue'),
  // Processors (batch)
  histogram('otelcol_processor_batch_batch_send_size', ['processor', 'service_instance_id', 'service_name', 'service_version'], 'Items per batch sent'),
  counter('otelcol_processor_batch_timeout_trigger_send_total', ['processor', 'service_instance_id', 'service_name', 'service_version'], 'Batches sent because the timeout fired'),
  counter('otelcol_processor_incoming_items_total', ['otel_signal', 'processor', 'service_instance_id', 'service_name', 'service_version'], 'Items entering a processor'),
  counter('otelcol_processor_outgoing_items_total', ['otel_signal', 'processor', 'service_instance_id', 'service_name', 'service_version'], 'Items leaving a processor'),
  // The process
  counter('otelcol_process_uptime_seconds_total', ['service_instance_id', 'service_name', 'service_version'], 'Uptime of the process'),
  counter('otelcol_process_cpu_seconds_total', ['service_instance_id', 'service_name', 'service_version'], 'CPU time used'),
  gauge('otelcol_process_memory_rss_bytes', ['service_instance_id', 'service_name', 'service_version'], 'Resident memory'),
  gauge('otelcol_process_runtime_heap_alloc_bytes', ['service_instance_id', 'service_name', 'service_version'], 'Heap bytes allocated'),
  gauge('otelcol_process_runtime_total_sys_memory_bytes', ['service_instance_id', 'service_name', 'service_version'], 'Memory obtained from the OS'),
  // Jaeger's storage and query decorators
  histogram('jaeger_storage_latency_seconds', ['name', 'operation', 'result', 'role', 'service_instance_id', 'service_name', 'service_version'], 'Latency of storage reads, by operation and result'),
  counter('jaeger_query_requests_total', ['operation', 'result', 'service_instance_id', 'service_name', 'service_version'], 'Query service requests, by operation and result'),
];
