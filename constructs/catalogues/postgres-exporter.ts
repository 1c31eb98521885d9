/**
 * prometheuscommunity/postgres-exporter v0.20.1 with its default collectors, reading the application's
 * Postgres, scraped by the `postgres-exporter` job.
 */
import { counter, gauge, MetricFamily, ReleaseDifference, untyped, withOlderReleases } from '../metrics';
import { GO_SERVICE } from './runtime';

/*
 * Older releases (Debian's is 0.11) read these views through the legacy metric map, which puts a
 * `server` label on every sample; each moved to a collector of its own without it in the release
 * named. The first appearance of the collector file at a tag is the source.
 */
const REPO = 'prometheus-community/postgres_exporter';
const legacyServerLabel = (before: string, collector: string): ReleaseDifference => ({
  before,
  extraLabels: ['server'],
  source: `${REPO} ${collector} first at v${before}`,
});
const NEW_COLLECTOR = (before: string, collector: string): ReleaseDifference => ({
  before,
  absent: true,
  source: `${REPO} ${collector} first at v${before}; older releases had it only in the example queries.yaml`,
});
const DATABASE = legacyServerLabel('0.12.0', 'collector/pg_database.go');
const BGWRITER = legacyServerLabel('0.12.0', 'collector/pg_stat_bgwriter.go');
const STAT_DATABASE = legacyServerLabel('0.13.0', 'collector/pg_stat_database.go');
const LOCKS = legacyServerLabel('0.14.0', 'collector/pg_locks.go');
const SETTINGS = legacyServerLabel('0.20.0', 'collector/pg_setting.go (CHANGELOG 0.20.0, #1303)');
const STAT_ACTIVITY: readonly ReleaseDifference[] = [
  legacyServerLabel('0.20.0', 'collector/pg_stat_activity.go (CHANGELOG 0.20.0, #1305)'),
  { before: '0.17.0', lacksLabels: ['backend_type', 'wait_event', 'wait_event_type'], source: `${REPO} CHANGELOG 0.17.0: Add wait/backend to pg_stat_activity (#1106)` },
  { before: '0.12.0', lacksLabels: ['application_name', 'usename'], source: `${REPO} CHANGELOG 0.12.0: Add usename and application_name to pg_stat_activity metrics (#673)` },
];
const POSTMASTER = NEW_COLLECTOR('0.13.0', 'collector/pg_postmaster.go');
const REPLICATION = NEW_COLLECTOR('0.13.0', 'collector/pg_replication.go');

export const POSTGRES_EXPORTER_METRICS: readonly MetricFamily[] = [
  gauge('pg_up', [], '1 when the last scrape could connect to Postgres'),
  gauge('pg_exporter_last_scrape_error', [], '1 when the last scrape failed'),
  gauge('pg_exporter_last_scrape_duration_seconds', [], 'Time the last scrape took'),
  counter('pg_exporter_scrapes_total', [], 'Scrapes of Postgres'),
  untyped('pg_static', ['server', 'short_version', 'version'], 'Server version, as labels'),
  withOlderReleases(gauge('pg_postmaster_start_time_seconds', [], 'Start time of the postmaster'), POSTMASTER),
  withOlderReleases(gauge('pg_settings_max_connections', [], 'The max_connections setting'), SETTINGS),
  withOlderReleases(gauge('pg_settings_shared_buffers_bytes', [], 'The shared_buffers setting'), SETTINGS),
  withOlderReleases(gauge('pg_database_size_bytes', ['datname'], 'Disk space a database uses'), DATABASE),
  // pg_stat_database
  withOlderReleases(gauge('pg_stat_database_numbackends', ['datid', 'datname'], 'Backends connected, by database'), STAT_DATABASE),
  withOlderReleases(counter('pg_stat_database_xact_commit', ['datid', 'datname'], 'Transactions committed'), STAT_DATABASE),
  withOlderReleases(counter('pg_stat_database_xact_rollback', ['datid', 'datname'], 'Transactions rolled back'), STAT_DATABASE),
  withOlderReleases(counter('pg_stat_database_blks_read', ['datid', 'datname'], 'Disk blocks read'), STAT_DATABASE),
  withOlderReleases(counter('pg_stat_database_blks_hit', ['datid', 'datname'], 'Disk blocks found in the buffer cache'), STAT_DATABASE),
  withOlderReleases(counter('pg_stat_database_tup_returned', ['datid', 'datname'], 'Rows returned by queries'), STAT_DATABASE),
  withOlderReleases(counter('pg_stat_database_tup_fetched', ['datid', 'datname'], 'Rows fetched by queries'), STAT_DATABASE),
  withOlderReleases(counter('pg_stat_database_tup_inserted', ['datid', 'datname'], 'Rows inserted'), STAT_DATABASE),
  withOlderReleases(counter('pg_stat_database_tup_updated', ['datid', 'datname'], 'Rows updated'), STAT_DATABASE),
  withOlderReleases(counter('pg_stat_database_tup_deleted', ['datid', 'datname'], 'Rows deleted'), STAT_DATABASE),
  withOlderReleases(counter('pg_stat_database_conflicts', ['datid', 'datname'], 'Queries cancelled by recovery conflicts'), STAT_DATABASE),
  withOlderReleases(counter('pg_stat_database_deadlocks', ['datid', 'datname'], 'Deadlocks detected'), STAT_DATABASE),
  withOlderReleases(counter('pg_stat_database_temp_bytes', ['datid', 'datname'], 'Bytes written to temporary files'), STAT_DATABASE),
  // Activity and locks
  withOlderReleases(gauge('pg_stat_activity_count', ['application_name', 'backend_type', 'datname', 'state', 'usename', 'wait_event', 'wait_event_type'], 'Connections, by database and state'), ...STAT_ACTIVITY),
  withOlderReleases(gauge('pg_stat_activity_max_tx_duration', ['application_name', 'backend_type', 'datname', 'state', 'usename', 'wait_event', 'wait_event_type'], 'Longest running transaction, by database and state'), ...STAT_ACTIVITY),
  withOlderReleases(gauge('pg_locks_count', ['datname', 'mode'], 'Locks held, by database and mode'), LOCKS),
  // Background writer and replication
  withOlderReleases(counter('pg_stat_bgwriter_buffers_alloc_total', [], 'Buffers allocated'), BGWRITER),
  withOlderReleases(counter('pg_stat_bgwriter_buffers_clean_total', [], 'Buffers written by the background writer'), BGWRITER),
  withOlderReleases(gauge('pg_replication_lag_seconds', [], 'Replication lag behind the primary'), REPLICATION),
  withOlderReleases(gauge('pg_replication_is_replica', [], '1 when the server is a replica'), REPLICATION),
  ...GO_SERVICE,
];
