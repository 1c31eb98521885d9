/** The application's Redis, from redis_exporter. */
import { instanceVariable, jobSelector, PROMETHEUS_DS, STACK_LINKS, STACK_TAG, UP_MAPPINGS, UP_THRESHOLDS, USAGE_THRESHOLDS } from './common';
import { Dashboard, DashboardContext, gauge, promql, RATE, stat, timeseries } from './model';

const JOB = 'redis-exporter';

export function redis(_context: DashboardContext): Dashboard {
  const sel = jobSelector(JOB);
  return {
    title: 'Redis',
    description: 'Availability, memory, clients, commands and cache efficiency of the application\'s Redis.',
    tags: [STACK_TAG, 'database', 'redis'],
    requires: [JOB],
    variables: [PROMETHEUS_DS, instanceVariable(JOB, 'redis_up')],
    links: STACK_LINKS,
    rows: [
      {
        panels: [
          stat({ title: 'Redis Up', targets: [promql(`min(redis_up{${sel}})`, 'up')], mappings: UP_MAPPINGS, thresholds: UP_THRESHOLDS, background: true, sparkline: false, height: 6 }),
          stat({ title: 'Uptime', targets: [promql(`min(redis_uptime_in_seconds{${sel}})`, 'uptime')], unit: 'dtdurations', height: 6 }),
          gauge({
            title: 'Memory Against maxmemory',
            description: 'Empty when maxmemory is 0 (unlimited).',
            targets: [promql(`max(redis_memory_used_bytes{${sel}} / (redis_memory_max_bytes{${sel}} > 0))`, 'used')],
            unit: 'percentunit',
            min: 0,
            max: 1,
            thresholds: USAGE_THRESHOLDS,
          }),
          gauge({
            title: 'Cache Hit Ratio',
            targets: [promql(`sum(rate(redis_keyspace_hits_total{${sel}}[${RATE}])) / (sum(rate(redis_keyspace_hits_total{${sel}}[${RATE}])) + sum(rate(redis_keyspace_misses_total{${sel}}[${RATE}])))`, 'hits')],
            unit: 'percentunit',
            min: 0,
            max: 1,
          }),
        ],
      },
      {
        title: 'Load',
        panels: [
          timeseries({ title: 'Commands per Second', targets: [promql(`sum by (instance) (rate(redis_commands_processed_total{${sel}}[${RATE}]))`, '{{instance}}')], unit: 'ops' }),
          timeseries({ title: 'Top Commands', targets: [promql(`topk(10, sum by (cmd) (rate(redis_commands_total{${sel}}[${RATE}])))`, '{{cmd}}')], unit: 'ops' }),
          timeseries({
            title: 'Clients',
            targets: [
              promql(`sum by (instance) (redis_connected_clients{${sel}})`, 'connected {{instance}}'),
              promql(`sum by (instance) (redis_blocked_clients{${sel}})`, 'blocked {{instance}}'),
            ],
          }),
          timeseries({
            title: 'Network I/O',
            targets: [
              promql(`sum by (instance) (rate(redis_net_input_bytes_total{${sel}}[${RATE}]))`, 'in {{instance}}'),
              promql(`sum by (instance) (rate(redis_net_output_bytes_total{${sel}}[${RATE}]))`, 'out {{instance}}'),
            ],
            unit: 'Bps',
          }),
        ],
      },
      {
        title: 'Memory and keys',
        panels: [
          timeseries({
            title: 'Memory Used',
            targets: [
              promql(`sum by (instance) (redis_memory_used_bytes{${sel}})`, 'used {{instance}}'),
              promql(`sum by (instance) (redis_memory_max_bytes{${sel}})`, 'maxmemory {{instance}}'),
            ],
            unit: 'bytes',
          }),
          timeseries({ title: 'Keys by Database', targets: [promql(`sum by (db) (redis_db_keys{${sel}})`, '{{db}}')] }),
          timeseries({
            title: 'Expired and Evicted Keys',
            targets: [
              promql(`sum(rate(redis_expired_keys_total{${sel}}[${RATE}]))`, 'expired'),
              promql(`sum(rate(redis_evicted_keys_total{${sel}}[${RATE}]))`, 'evicted'),
            ],
            unit: 'ops',
          }),
          timeseries({ title: 'Rejected Connections', targets: [promql(`sum(rate(redis_rejected_connections_total{${sel}}[${RATE}]))`, 'rejected')], unit: 'cps' }),
        ],
      },
    ],
  };
}
