/** The application's data stores: Postgres (routed to the database team) and Redis. */
import { RuleFile, alert, percent, series } from './model/rule';

export function datastoreRules(): RuleFile {
  const pg = 'instance="postgres-exporter:9187",job="postgres-exporter"';
  return {
    name: 'datastores',
    groups: [
      {
        name: 'datastores.postgres',
        requires: ['postgres-exporter'],
        rules: [
          alert({
            name: 'PostgresDown',
            expr: () => 'pg_up{job="postgres-exporter"} == 0',
            for: '5m',
            severity: 'critical',
            team: 'infrastructure',
            component: 'database',
            thresholds: {},
            summary: 'Postgres does not answer',
            description: 'The exporter at {{ $labels.instance }} cannot connect to Postgres.',
            runbook: {
              symptoms: 'The application fails requests that need the database.',
              investigation: ['Check the database server and its logs.', 'Check connectivity and credentials from the exporter (its DATA_SOURCE settings).', 'Check the database\'s disk.'],
              resolution: ['Restart or fail over the database; fix the exporter\'s credentials if only it is refused.'],
            },
            tests: {
              fires: { series: [series(`pg_up{${pg}}`, '0x20')], at: '10m', labels: { instance: 'postgres-exporter:9187', job: 'postgres-exporter' }, description: 'The exporter at postgres-exporter:9187 cannot connect to Postgres.' },
              quiet: { series: [series(`pg_up{${pg}}`, '1x20')], at: '10m' },
            },
          }),
          alert({
            name: 'PostgresTooManyConnections',
            expr: (t) =>
              `100 * sum by (job, instance) (pg_stat_activity_count{job="postgres-exporter"}) / sum by (job, instance) (pg_settings_max_connections{job="postgres-exporter"}) > ${t.percentUsed}`,
            for: '10m',
            severity: 'warning',
            team: 'infrastructure',
            component: 'database',
            thresholds: { percentUsed: percent(80) },
            summary: 'Postgres is running out of connections',
            description: (t) => `{{ $value | printf "%.0f" }}% of Postgres' connection slots are in use (threshold ${t.percentUsed}%).`,
            runbook: {
              symptoms: 'New connections are refused once max_connections is reached.',
              investigation: ['List connections by client and state (`pg_stat_activity`).', 'Look for idle-in-transaction sessions and connection leaks after a deploy.'],
              resolution: ['Terminate leaked sessions; add a connection pooler; raise max_connections if the host allows.'],
            },
            tests: {
              fires: {
                series: [series(`pg_stat_activity_count{datname="dgfrl",state="active",${pg}}`, '90x30'), series(`pg_settings_max_connections{${pg}}`, '100x30')],
                at: '20m',
                labels: { instance: 'postgres-exporter:9187', job: 'postgres-exporter' },
                description: '90% of Postgres\' connection slots are in use (threshold 80%).',
              },
              quiet: { series: [series(`pg_stat_activity_count{datname="dgfrl",state="active",${pg}}`, '20x30'), series(`pg_settings_max_connections{${pg}}`, '100x30')], at: '20m' },
            },
          }),
        ],
      },
      {
        name: 'datastores.redis',
        requires: ['redis-exporter'],
        rules: [
          alert({
            name: 'RedisDown',
            expr: () => 'redis_up{job="redis-exporter"} == 0',
            for: '5m',
            severity: 'critical',
            team: 'infrastructure',
            component: 'cache',
            thresholds: {},
            summary: 'Redis does not answer',
            description: 'The exporter at {{ $labels.instance }} cannot connect to Redis.',
            runbook: {
              symptoms: 'The application loses its cache and queues; requests slow down or fail.',
              investigation: ['Check the Redis server and its logs (OOM, persistence errors).', 'Check connectivity from the exporter.'],
              resolution: ['Restart Redis or fail over; raise its memory limit if it was OOM-killed.'],
            },
            tests: {
              fires: { series: [series('redis_up{instance="redis-exporter:9121",job="redis-exporter"}', '0x20')], at: '10m', labels: { instance: 'redis-exporter:9121', job: 'redis-exporter' }, description: 'The exporter at redis-exporter:9121 cannot connect to Redis.' },
              quiet: { series: [series('redis_up{instance="redis-exporter:9121",job="redis-exporter"}', '1x20')], at: '10m' },
            },
          }),
        ],
      },
    ],
  };
}
