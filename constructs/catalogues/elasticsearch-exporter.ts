/**
 * prometheus-community/elasticsearch_exporter (v1.11) reading Elasticsearch, scraped by the
 * `elasticsearch-exporter` job. Names from the exporter's metrics table.
 */
import { counter, gauge, MetricFamily } from '../metrics';
import { GO_SERVICE } from './runtime';

export const ELASTICSEARCH_EXPORTER_METRICS: readonly MetricFamily[] = [
  // Cluster health
  gauge('elasticsearch_cluster_health_status', 'Cluster health; 1 for the current color label'),
  gauge('elasticsearch_cluster_health_number_of_nodes', 'Nodes in the cluster'),
  gauge('elasticsearch_cluster_health_number_of_data_nodes', 'Data nodes in the cluster'),
  gauge('elasticsearch_cluster_health_active_primary_shards', 'Active primary shards'),
  gauge('elasticsearch_cluster_health_active_shards', 'Active primary and replica shards'),
  gauge('elasticsearch_cluster_health_relocating_shards', 'Shards relocating'),
  gauge('elasticsearch_cluster_health_initializing_shards', 'Shards initializing'),
  gauge('elasticsearch_cluster_health_unassigned_shards', 'Shards unassigned'),
  gauge('elasticsearch_cluster_health_delayed_unassigned_shards', 'Unassigned shards whose allocation is delayed'),
  gauge('elasticsearch_cluster_health_number_of_pending_tasks', 'Cluster changes not yet executed'),
  gauge('elasticsearch_clusterinfo_up', 'Whether the cluster info endpoint answered'),
  gauge('elasticsearch_clusterinfo_version_info', 'Elasticsearch version, as labels'),
  gauge('elasticsearch_node_stats_up', 'Whether the node stats endpoint answered'),
  // JVM and process
  gauge('elasticsearch_jvm_memory_used_bytes', 'JVM memory used, by area'),
  gauge('elasticsearch_jvm_memory_max_bytes', 'JVM memory limit, by area'),
  gauge('elasticsearch_jvm_memory_committed_bytes', 'JVM memory committed, by area'),
  counter('elasticsearch_jvm_gc_collection_seconds_count', 'GC runs, by collector'),
  counter('elasticsearch_jvm_gc_collection_seconds_sum', 'GC time, by collector'),
  gauge('elasticsearch_process_cpu_percent', 'CPU used by the Elasticsearch process'),
  gauge('elasticsearch_os_cpu_percent', 'CPU used by the OS'),
  gauge('elasticsearch_process_open_files_count', 'Open file descriptors'),
  // Disks
  gauge('elasticsearch_filesystem_data_available_bytes', 'Space available on the data path'),
  gauge('elasticsearch_filesystem_data_free_bytes', 'Free space on the data path'),
  gauge('elasticsearch_filesystem_data_size_bytes', 'Size of the data path'),
  // Indices
  gauge('elasticsearch_indices_docs', 'Documents on the node'),
  gauge('elasticsearch_indices_docs_deleted', 'Deleted documents on the node'),
  gauge('elasticsearch_indices_store_size_bytes', 'Size of the stored index data'),
  counter('elasticsearch_indices_indexing_index_total', 'Index operations'),
  counter('elasticsearch_indices_indexing_index_time_seconds_total', 'Time spent indexing'),
  counter('elasticsearch_indices_search_query_total', 'Search queries'),
  counter('elasticsearch_indices_search_query_time_seconds', 'Time spent on search queries'),
  counter('elasticsearch_indices_refresh_total', 'Refreshes'),
  counter('elasticsearch_indices_flush_total', 'Flushes'),
  gauge('elasticsearch_indices_segments_count', 'Index segments on the node'),
  // Thread pools and breakers
  gauge('elasticsearch_thread_pool_active_count', 'Active threads, by pool'),
  gauge('elasticsearch_thread_pool_queue_count', 'Queued operations, by pool'),
  counter('elasticsearch_thread_pool_rejected_count', 'Rejected operations, by pool'),
  counter('elasticsearch_breakers_tripped', 'Circuit breaker trips, by breaker'),
  gauge('elasticsearch_breakers_estimated_size_bytes', 'Estimated size of a breaker'),
  counter('elasticsearch_transport_rx_size_bytes_total', 'Bytes received between nodes'),
  counter('elasticsearch_transport_tx_size_bytes_total', 'Bytes sent between nodes'),
  ...GO_SERVICE,
];
