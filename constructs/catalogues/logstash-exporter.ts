/**
 * kuskoman/logstash-exporter (v1.9, the v1 line) reading Logstash's node API, scraped by the `logstash-exporter`
 * job. Note its types: pipeline event counts are counters, node-wide event counts are gauges.
 */
import { counter, gauge, MetricFamily } from '../metrics';
import { GO_SERVICE } from './runtime';

export const LOGSTASH_EXPORTER_METRICS: readonly MetricFamily[] = [
  gauge('logstash_exporter_build_info', 'Exporter version, as labels'),
  gauge('logstash_info_up', '1 when Logstash answered'),
  counter('logstash_info_node', 'Node name, version, host and id, as labels'),
  counter('logstash_info_build', 'Build date and sha, as labels'),
  counter('logstash_info_status', 'Node status, as a label'),
  counter('logstash_info_pipeline_workers', 'Worker threads of the pipelines'),
  counter('logstash_info_pipeline_batch_size', 'Events per batch'),
  counter('logstash_info_pipeline_batch_delay', 'Wait for a batch to fill'),
  // Node-wide
  gauge('logstash_stats_events_in', 'Events received'),
  gauge('logstash_stats_events_filtered', 'Events filtered'),
  gauge('logstash_stats_events_out', 'Events sent'),
  gauge('logstash_stats_events_duration_millis', 'Time spent processing events'),
  gauge('logstash_stats_queue_events_count', 'Events in the queue'),
  counter('logstash_stats_reload_successes', 'Reloads that succeeded'),
  counter('logstash_stats_reload_failures', 'Reloads that failed'),
  gauge('logstash_stats_jvm_threads_count', 'Live JVM threads'),
  gauge('logstash_stats_jvm_mem_heap_used_bytes', 'Heap used'),
  gauge('logstash_stats_jvm_mem_heap_max_bytes', 'Heap limit'),
  gauge('logstash_stats_jvm_mem_heap_committed_bytes', 'Heap committed'),
  gauge('logstash_stats_jvm_mem_heap_used_percent', 'Share of the heap used'),
  gauge('logstash_stats_jvm_mem_non_heap_committed_bytes', 'Non-heap memory committed'),
  gauge('logstash_stats_jvm_uptime_millis', 'JVM uptime'),
  gauge('logstash_stats_process_cpu_percent', 'CPU used by the process'),
  counter('logstash_stats_process_cpu_total_millis', 'CPU time used by the process'),
  gauge('logstash_stats_process_open_file_descriptors', 'Open file descriptors'),
  gauge('logstash_stats_process_max_file_descriptors', 'File descriptor limit'),
  gauge('logstash_stats_flow_input_current', 'Current input throughput'),
  gauge('logstash_stats_flow_output_current', 'Current output throughput'),
  gauge('logstash_stats_flow_queue_backpressure_current', 'Current queue back-pressure'),
  // Per pipeline
  gauge('logstash_stats_pipeline_up', '1 when the pipeline is healthy, by pipeline'),
  counter('logstash_stats_pipeline_events_in', 'Events into a pipeline'),
  counter('logstash_stats_pipeline_events_filtered', 'Events filtered by a pipeline'),
  counter('logstash_stats_pipeline_events_out', 'Events out of a pipeline'),
  gauge('logstash_stats_pipeline_events_duration', 'Time a pipeline spent on events'),
  gauge('logstash_stats_pipeline_events_queue_push_duration', 'Time a pipeline spent pushing to its queue'),
  counter('logstash_stats_pipeline_reloads_successes', 'Pipeline reloads that succeeded'),
  counter('logstash_stats_pipeline_reloads_failures', 'Pipeline reloads that failed'),
  counter('logstash_stats_pipeline_queue_events_count', 'Events in a pipeline\'s queue'),
  counter('logstash_stats_pipeline_plugin_events_in', 'Events into a plugin'),
  counter('logstash_stats_pipeline_plugin_events_out', 'Events out of a plugin'),
  counter('logstash_stats_pipeline_plugin_documents_successes', 'Documents an output indexed'),
  counter('logstash_stats_pipeline_plugin_documents_non_retryable_failures', 'Documents an output could not index'),
  counter('logstash_stats_pipeline_plugin_bulk_requests_errors', 'Bulk requests that failed'),
  gauge('logstash_stats_pipeline_dead_letter_queue_size_in_bytes', 'Size of the dead letter queue'),
  ...GO_SERVICE,
];
