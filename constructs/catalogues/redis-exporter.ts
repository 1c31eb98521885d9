/** oliver006/redis_exporter v1.91 reading the application's Redis, scraped by the `redis-exporter` job. */
import { counter, gauge, MetricFamily } from '../metrics';

export const REDIS_EXPORTER_METRICS: readonly MetricFamily[] = [
  gauge('redis_exporter_build_info', ['build_date', 'commit_sha', 'golang_version', 'version'], 'Exporter version, as labels'),
  gauge('redis_exporter_last_scrape_error', ['err'], '1 when the last scrape of Redis failed'),
  gauge('redis_exporter_last_scrape_duration_seconds', [], 'Time the last scrape of Redis took'),
  gauge('redis_up', [], '1 when Redis answered'),
  gauge('redis_instance_info', ['maxmemory_policy', 'os', 'process_id', 'redis_build_id', 'redis_mode', 'redis_version', 'role', 'run_id', 'tcp_port'], 'Redis version, role and mode, as labels'),
  gauge('redis_uptime_in_seconds', [], 'Uptime of the server'),
  // Clients
  gauge('redis_connected_clients', [], 'Clients connected'),
  gauge('redis_blocked_clients', [], 'Clients blocked on a blocking call'),
  gauge('redis_config_maxclients', [], 'Client limit'),
  counter('redis_connections_received_total', [], 'Connections accepted'),
  counter('redis_rejected_connections_total', [], 'Connections refused at the client limit'),
  // Memory
  gauge('redis_memory_used_bytes', [], 'Memory allocated by Redis'),
  gauge('redis_memory_used_rss_bytes', [], 'Resident memory'),
  gauge('redis_memory_used_peak_bytes', [], 'Peak memory'),
  gauge('redis_memory_max_bytes', [], 'The maxmemory setting; 0 when unlimited'),
  gauge('redis_mem_fragmentation_ratio', [], 'RSS over used memory'),
  // Commands and keys
  counter('redis_commands_processed_total', [], 'Commands processed'),
  counter('redis_commands_total', ['cmd'], 'Calls, by command'),
  counter('redis_commands_duration_seconds_total', ['cmd'], 'Time spent, by command'),
  counter('redis_keyspace_hits_total', [], 'Key lookups that hit'),
  counter('redis_keyspace_misses_total', [], 'Key lookups that missed'),
  counter('redis_expired_keys_total', [], 'Keys expired'),
  counter('redis_evicted_keys_total', [], 'Keys evicted at the memory limit'),
  gauge('redis_db_keys', ['db'], 'Keys, by database'),
  gauge('redis_db_keys_expiring', ['db'], 'Keys with a TTL, by database'),
  // Network
  counter('redis_net_input_bytes_total', [], 'Bytes received'),
  counter('redis_net_output_bytes_total', [], 'Bytes sent'),
  // Persistence and replication
  gauge('redis_rdb_last_bgsave_status', [], '1 when the last RDB save succeeded'),
  gauge('redis_rdb_changes_since_last_save', [], 'Changes since the last RDB save'),
  gauge('redis_rdb_last_save_timestamp_seconds', [], 'Time of the last RDB save'),
  gauge('redis_aof_enabled', [], 'Whether the AOF is on'),
  gauge('redis_connected_slaves', [], 'Replicas connected'),
  gauge('redis_master_link_up', [], '1 when a replica\'s link to its master is up'),
  counter('redis_cpu_sys_seconds_total', [], 'System CPU time'),
  counter('redis_cpu_user_seconds_total', [], 'User CPU time'),
  // Go runtime families only appear with --include-go-runtime-metrics, which the stack leaves off.
];
