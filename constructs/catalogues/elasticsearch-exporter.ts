/**
 * prometheus-community/elasticsearch_exporter (v1.11) reading Elasticsearch, scraped by the
 * `elasticsearch-exporter` job. Names from the exporter's metrics table.
 */
import { counter, gauge, MetricFamily } from '../metrics';
import { GO_SERVICE } from './runtime';

export const ELASTICSEARCH_EXPORTER_METRICS: readonly MetricFamily[] = [
  // Cluster health
  gauge('elasticsearch_cluster_health_status', ['cluster', 'color'], 'Cluster health; 1 for the current color label'),
  gauge('elasticsearch_cluster_health_number_of_nodes', ['cluster'], 'Nodes in the cluster'),
  gauge('elasticsearch_cluster_health_number_of_data_nodes', ['cluster'], 'Data nodes in the cluster'),
  gauge('elasticsearch_cluster_health_active_primary_shards', ['cluster'], 'Active primary shards'),
  gauge('elasticsearch_cluster_health_active_shards', ['cluster'], 'Active primary and replica shards'),
  gauge('elasticsearch_cluster_health_relocating_shards', ['cluster'], 'Shards relocating'),
  gauge('elasticsearch_cluster_health_initializing_shards', ['cluster'], 'Shards initializing'),
  gauge('elasticsearch_cluster_health_unassigned_shards', ['cluster'], 'Shards unassigned'),
  gauge('elasticsearch_cluster_health_delayed_unassigned_shards', ['cluster'], 'Unassigned shards whose allocation is delayed'),
  gauge('elasticsearch_cluster_health_number_of_pending_tasks', ['cluster'], 'Cluster changes not yet executed'),
  gauge('elasticsearch_clusterinfo_up', ['url'], 'Whether the cluster info endpoint answered'),
  gauge('elasticsearch_clusterinfo_version_info', ['build_date', 'build_hash', 'cluster', 'cluster_uuid', 'lucene_version', 'version'], 'Elasticsearch version, as labels'),
  gauge('elasticsearch_node_stats_up', [], 'Whether the node stats endpoint answered'),
  // JVM and process
  gauge('elasticsearch_jvm_memory_used_bytes', ['area', 'cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'JVM memory used, by area'),
  gauge('elasticsearch_jvm_memory_max_bytes', ['area', 'cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'JVM memory limit, by area'),
  gauge('elasticsearch_jvm_memory_committed_bytes', ['area', 'cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'JVM memory committed, by area'),
  counter('elasticsearch_jvm_gc_collection_seconds_count', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'gc', 'host', 'name'], 'GC runs, by collector'),
  counter('elasticsearch_jvm_gc_collection_seconds_sum', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'gc', 'host', 'name'], 'GC time, by collector'),
  gauge('elasticsearch_process_cpu_percent', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'CPU used by the Elasticsearch process'),
  gauge('elasticsearch_os_cpu_percent', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'CPU used by the OS'),
  gauge('elasticsearch_process_open_files_count', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'Open file descriptors'),
  // Disks
  gauge('elasticsearch_filesystem_data_available_bytes', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'mount', 'name', 'path'], 'Space available on the data path'),
  gauge('elasticsearch_filesystem_data_free_bytes', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'mount', 'name', 'path'], 'Free space on the data path'),
  gauge('elasticsearch_filesystem_data_size_bytes', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'mount', 'name', 'path'], 'Size of the data path'),
  // Indices
  gauge('elasticsearch_indices_docs', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'Documents on the node'),
  gauge('elasticsearch_indices_docs_deleted', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'Deleted documents on the node'),
  gauge('elasticsearch_indices_store_size_bytes', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'Size of the stored index data'),
  counter('elasticsearch_indices_indexing_index_total', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'Index operations'),
  counter('elasticsearch_indices_indexing_index_time_seconds_total', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'Time spent indexing'),
  counter('elasticsearch_indices_search_query_total', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'Search queries'),
  counter('elasticsearch_indices_search_query_time_seconds', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'Time spent on search queries'),
  counter('elasticsearch_indices_refresh_total', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'Refreshes'),
  counter('elasticsearch_indices_flush_total', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'Flushes'),
  gauge('elasticsearch_indices_segments_count', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'Index segments on the node'),
  // Thread pools and breakers
  gauge('elasticsearch_thread_pool_active_count', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name', 'type'], 'Active threads, by pool'),
  gauge('elasticsearch_thread_pool_queue_count', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name', 'type'], 'Queued operations, by pool'),
  counter('elasticsearch_thread_pool_rejected_count', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name', 'type'], 'Rejected operations, by pool'),
  counter('elasticsearch_breakers_tripped', ['breaker', 'cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'Circuit breaker trips, by breaker'),
  gauge('elasticsearch_breakers_estimated_size_bytes', ['breaker', 'cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'Estimated size of a breaker'),
  counter('elasticsearch_transport_rx_size_bytes_total', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'Bytes received between nodes'),
  counter('elasticsearch_transport_tx_size_bytes_total', ['cluster', 'es_client_node', 'es_data_node', 'es_ingest_node', 'es_master_node', 'host', 'name'], 'Bytes sent between nodes'),
  ...GO_SERVICE,
];
