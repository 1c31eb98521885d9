/**
 * prometheuscommunity/postgres-exporter v0.20 with its default collectors, reading the application's
 * Postgres, scraped by the `postgres-exporter` job.
 */
import { counter, gauge, MetricFamily, untyped } from '../metrics';
import { GO_SERVICE } from './runtime';

export const POSTGRES_EXPORTER_METRICS: readonly MetricFamily[] = [
  gauge('pg_up', [], '1 when the last scrape could connect to Postgres'),
  gauge('pg_exporter_last_scrape_error', [], '1 when the last scrape failed'),
  gauge('pg_exporter_last_scrape_duration_seconds', [], 'Time the last scrape took'),
  counter('pg_exporter_scrapes_total', [], 'Scrapes of Postgres'),
  untyped('pg_static', ['server', 'short_version', 'version'], 'Server version, as labels'),
  gauge('pg_postmaster_start_time_seconds', [], 'Start time of the postmaster'),
  gauge('pg_settings_max_connections', [], 'The max_connections setting'),
  gauge('pg_settings_shared_buffers_bytes', [], 'The shared_buffers setting'),
  gauge('pg_database_size_bytes', ['datname'], 'Disk space a database uses'),
  // pg_stat_database
  gauge('pg_stat_database_numbackends', ['datid', 'datname'], 'Backends connected, by database'),
  counter('pg_stat_database_xact_commit', ['datid', 'datname'], 'Transactions committed'),
  counter('pg_stat_database_xact_rollback', ['datid', 'datname'], 'Transactions rolled back'),
  counter('pg_stat_database_blks_read', ['datid', 'datname'], 'Disk blocks read'),
  counter('pg_stat_database_blks_hit', ['datid', 'datname'], 'Disk blocks found in the buffer cache'),
  counter('pg_stat_database_tup_returned', ['datid', 'datname'], 'Rows returned by queries'),
  counter('pg_stat_database_tup_fetched', ['datid', 'datname'], 'Rows fetched by queries'),
  counter('pg_stat_database_tup_inserted', ['datid', 'datname'], 'Rows inserted'),
  counter('pg_stat_database_tup_updated', ['datid', 'datname'], 'Rows updated'),
  counter('pg_stat_database_tup_deleted', ['datid', 'datname'], 'Rows deleted'),
  counter('pg_stat_database_conflicts', ['datid', 'datname'], 'Queries cancelled by recovery conflicts'),
  counter('pg_stat_database_deadlocks', ['datid', 'datname'], 'Deadlocks detected'),
  counter('pg_stat_database_temp_bytes', ['datid', 'datname'], 'Bytes written to temporary files'),
  // Activity and locks
  gauge('pg_stat_activity_count', ['application_name', 'backend_type', 'datname', 'state', 'usename', 'wait_event', 'wait_event_type'], 'Connections, by database and state'),
  gauge('pg_stat_activity_max_tx_duration', ['application_name', 'backend_type', 'datname', 'state', 'usename', 'wait_event', 'wait_event_type'], 'Longest running transaction, by database and state'),
  gauge('pg_locks_count', ['datname', 'mode'], 'Locks held, by database and mode'),
  // Background writer and replication
  counter('pg_stat_bgwriter_buffers_alloc_total', [], 'Buffers allocated'),
  counter('pg_stat_bgwriter_buffers_clean_total', [], 'Buffers written by the background writer'),
  gauge('pg_replication_lag_seconds', [], 'Replication lag behind the primary'),
  gauge('pg_replication_is_replica', [], '1 when the server is a replica'),
  ...GO_SERVICE,
];
