/** The application's Postgres, from postgres_exporter. */
import { instanceVariable, jobSelector, PROMETHEUS_DS, STACK_LINKS, STACK_TAG, UP_MAPPINGS, UP_THRESHOLDS, USAGE_THRESHOLDS } from './common';
import { Dashboard, DashboardContext, gauge, promql, promVariable, RATE, stat, timeseries } from './model';

const JOB = 'postgres-exporter';

export function postgres(_context: DashboardContext): Dashboard {
  const sel = jobSelector(JOB);
  const db = `${sel}, datname=~"$database"`;
  return {
    title: 'Postgres',
    description: 'Availability, connections, transactions, cache and locks of the application\'s Postgres.',
    tags: [STACK_TAG, 'database', 'postgres'],
    requires: [JOB],
    variables: [
      PROMETHEUS_DS,
      instanceVariable(JOB, 'pg_up'),
      promVariable('database', 'Database', `label_values(pg_stat_database_numbackends{job="${JOB}"}, datname)`),
    ],
    links: STACK_LINKS,
    rows: [
      {
        panels: [
          stat({ title: 'Postgres Up', targets: [promql(`min(pg_up{${sel}})`, 'up')], mappings: UP_MAPPINGS, thresholds: UP_THRESHOLDS, background: true, sparkline: false, height: 6 }),
          gauge({
            title: 'Connections Used',
            targets: [promql(`sum(pg_stat_database_numbackends{${sel}}) / max(pg_settings_max_connections{${sel}})`, 'used')],
            unit: 'percentunit',
            min: 0,
            max: 1,
            thresholds: USAGE_THRESHOLDS,
          }),
          gauge({
            title: 'Buffer Cache Hit Ratio',
            targets: [promql(`sum(rate(pg_stat_database_blks_hit{${db}}[${RATE}])) / (sum(rate(pg_stat_database_blks_hit{${db}}[${RATE}])) + sum(rate(pg_stat_database_blks_read{${db}}[${RATE}])))`, 'hit')],
            unit: 'percentunit',
            min: 0,
            max: 1,
          }),
          stat({ title: 'Database Size', targets: [promql(`sum(pg_database_size_bytes{${db}})`, 'size')], unit: 'bytes', height: 6 }),
        ],
      },
      {
        title: 'Work',
        panels: [
          timeseries({
            title: 'Transactions',
            targets: [
              promql(`sum by (datname) (rate(pg_stat_database_xact_commit{${db}}[${RATE}]))`, 'commit {{datname}}'),
              promql(`sum by (datname) (rate(pg_stat_database_xact_rollback{${db}}[${RATE}]))`, 'rollback {{datname}}'),
            ],
            unit: 'ops',
          }),
          timeseries({
            title: 'Rows',
            targets: [
              promql(`sum(rate(pg_stat_database_tup_fetched{${db}}[${RATE}]))`, 'fetched'),
              promql(`sum(rate(pg_stat_database_tup_inserted{${db}}[${RATE}]))`, 'inserted'),
              promql(`sum(rate(pg_stat_database_tup_updated{${db}}[${RATE}]))`, 'updated'),
              promql(`sum(rate(pg_stat_database_tup_deleted{${db}}[${RATE}]))`, 'deleted'),
            ],
            unit: 'ops',
          }),
          timeseries({ title: 'Connections by State', targets: [promql(`sum by (state) (pg_stat_activity_count{${db}})`, '{{state}}')], stacked: true }),
          timeseries({ title: 'Longest Transaction', targets: [promql(`max by (datname) (pg_stat_activity_max_tx_duration{${db}})`, '{{datname}}')], unit: 's' }),
          timeseries({ title: 'Locks by Mode', targets: [promql(`sum by (mode) (pg_locks_count{${db}})`, '{{mode}}')] }),
          timeseries({
            title: 'Deadlocks and Conflicts',
            targets: [
              promql(`sum(increase(pg_stat_database_deadlocks{${db}}[${RATE}]))`, 'deadlocks'),
              promql(`sum(increase(pg_stat_database_conflicts{${db}}[${RATE}]))`, 'conflicts'),
            ],
            bars: true,
          }),
        ],
      },
    ],
  };
}
