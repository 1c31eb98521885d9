/**
 * kuskoman/logstash-exporter (v1.9, the v1 line) reading Logstash's node API, scraped by the `logstash-exporter`
 * job. Note its types: pipeline event counts are counters, node-wide event counts are gauges.
 */
import { counter, gauge, MetricFamily } from '../metrics';
import { GO_SERVICE } from './runtime';

export const LOGSTASH_EXPORTER_METRICS: readonly MetricFamily[] = [
  gauge('logstash_exporter_build_info', ['branch', 'build_date', 'goarch', 'goos', 'goversion', 'revision', 'version'], 'Exporter version, as labels'),
  gauge('logstash_info_up', ['hostname'], '1 when Logstash answered'),
  counter('logstash_info_node', ['host', 'hostname', 'id', 'name', 'version'], 'Node name, version, host and id, as labels'),
  counter('logstash_info_build', ['date', 'hostname', 'sha'], 'Build date and sha, as labels'),
  counter('logstash_info_status', ['hostname', 'status'], 'Node status, as a label'),
  counter('logstash_info_pipeline_workers', ['hostname'], 'Worker threads of the pipelines'),
  counter('logstash_info_pipeline_batch_size', ['hostname'], 'Events per batch'),
  counter('logstash_info_pipeline_batch_delay', ['hostname'], 'Wait for a batch to fill'),
  // Node-wide
  gauge('logstash_stats_events_in', ['hostname'], 'Events received'),
  gauge('logstash_stats_events_filtered', ['hostname'], 'Events filtered'),
  gauge('logstash_stats_events_out', ['hostname'], 'Events sent'),
  gauge('logstash_stats_events_duration_millis', ['hostname'], 'Time spent processing events'),
  gauge('logstash_stats_queue_events_count', ['hostname'], 'Events in the queue'),
  counter('logstash_stats_reload_successes', ['hostname'], 'Reloads that succeeded'),
  counter('logstash_stats_reload_failures', ['hostname'], 'Reloads that failed'),
  gauge('logstash_stats_jvm_threads_count', ['hostname'], 'Live JVM threads'),
  gauge('logstash_stats_jvm_mem_heap_used_bytes', ['hostname'], 'Heap used'),
  gauge('logstash_stats_jvm_mem_heap_max_bytes', ['hostname'], 'Heap limit'),
  gauge('logstash_stats_jvm_mem_heap_committed_bytes', ['hostname'], 'Heap committed'),
  gauge('logstash_stats_jvm_mem_heap_used_percent', ['hostname'], 'Share of the heap used'),
  gauge('logstash_stats_jvm_mem_non_heap_committed_bytes', ['hostname'], 'Non-heap memory committed'),
  gauge('logstash_stats_jvm_uptime_millis', ['hostname'], 'JVM uptime'),
  gauge('logstash_stats_process_cpu_percent', ['hostname'], 'CPU used by the process'),
  counter('logstash_stats_process_cpu_total_millis', ['hostname'], 'CPU time used by the process'),
  gauge('logstash_stats_process_open_file_descriptors', ['hostname'], 'Open file descriptors'),
  gauge('logstash_stats_process_max_file_descriptors', ['hostname'], 'File descriptor limit'),
  gauge('logstash_stats_flow_input_current', ['hostname'], 'Current input throughput'),
  gauge('logstash_stats_flow_output_current', ['hostname'], 'Current output throughput'),
  gauge('logstash_stats_flow_queue_backpressure_current', ['hostname'], 'Current queue back-pressure'),
  // Per pipeline
  gauge('logstash_stats_pipeline_up', ['hostname', 'pipeline'], '1 when the pipeline is healthy, by pipeline'),
  counter('logstash_stats_pipeline_events_in', ['hostname', 'pipeline'], 'Events into a pipeline'),
  counter('logstash_stats_pipeline_events_filtered', ['hostname', 'pipeline'], 'Events filtered by a pipeline'),
  counter('logstash_stats_pipeline_events_out', ['hostname', 'pipeline'], 'Events out of a pipeline'),
  gauge('logstash_stats_pipeline_events_duration', ['hostname', 'pipeline'], 'Time a pipeline spent on events'),
  gauge('logstash_stats_pipeline_events_queue_push_duration', ['hostname', 'pipeline'], 'Time a pipeline spent pushing to its queue'),
  counter('logstash_stats_pipeline_reloads_successes', ['hostname', 'pipeline'], 'Pipeline reloads that succeeded'),
  counter('logstash_stats_pipeline_reloads_failures', ['hostname', 'pipeline'], 'Pipeline reloads that failed'),
  counter('logstash_stats_pipeline_queue_events_count', ['hostname', 'pipeline'], 'Events in a pipeline\'s queue'),
  counter('logstash_stats_pipeline_plugin_events_in', ['hostname', 'pipeline', 'plugin', 'plugin_id', 'plugin_type'], 'Events into a plugin'),
  counter('logstash_stats_pipeline_plugin_events_out', ['hostname', 'pipeline', 'plugin', 'plugin_id', 'plugin_type'], 'Events out of a plugin'),
  counter('logstash_stats_pipeline_plugin_documents_successes', ['hostname', 'pipeline', 'plugin', 'plugin_id', 'plugin_type'], 'Documents an output indexed'),
  counter('logstash_stats_pipeline_plugin_documents_non_retryable_failures', ['hostname', 'pipeline', 'plugin', 'plugin_id', 'plugin_type'], 'Documents an output could not index'),
  counter('logstash_stats_pipeline_plugin_bulk_requests_errors', ['hostname', 'pipeline', 'plugin', 'plugin_id', 'plugin_type'], 'Bulk requests that failed'),
  gauge('logstash_stats_pipeline_dead_letter_queue_size_in_bytes', ['hostname', 'pipeline'], 'Size of the dead letter queue'),
  ...GO_SERVICE,
];
