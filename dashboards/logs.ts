/**
 * Logs, from Loki. Promtail labels every stream with `job`, `level`, `logger` and `agent_id` (from the
 * application's JSON lines), so volume splits by level and job and a click narrows to one agent.
 */
import { STACK_LINKS, STACK_TAG } from './common';
import { AUTO, Dashboard, DashboardContext, datasourceVariable, logql, logs as logsPanel, lokiLabelVariable, textVariable, timeseries } from './model';

/** Levels counted as errors; Python's logging says ERROR and CRITICAL, Go services say error/fatal. */
const ERROR_LEVELS = '(?i)error|critical|fatal|panic';

export function logs(_context: DashboardContext): Dashboard {
  const stream = 'job=~"$job", level=~"$level", agent_id=~"$agent_id"';
  return {
    title: 'Logs',
    description: 'Log volume by level and job, error lines, and the lines themselves, from Loki.',
    tags: [STACK_TAG, 'logs', 'loki'],
    requires: ['loki', 'promtail'],
    variables: [
      datasourceVariable('loki'),
      // Loki wants one matcher that cannot match the empty string: `All` on job is `.+`.
      lokiLabelVariable('job', 'Job', 'job', undefined, { allValue: '.+' }),
      lokiLabelVariable('level', 'Level', 'level'),
      // Lines without an agent_id have no such label: `.*` also matches its absence.
      lokiLabelVariable('agent_id', 'Agent', 'agent_id'),
      textVariable('search', 'Line contains'),
    ],
    links: STACK_LINKS,
    rows: [
      {
        panels: [
          timeseries({
            title: 'Log Volume by Level',
            targets: [logql(`sum by (level) (count_over_time({${stream}} |= "$search" [${AUTO}]))`, '{{level}}')],
            stacked: true,
            bars: true,
          }),
          timeseries({
            title: 'Log Volume by Job',
            targets: [logql(`sum by (job) (count_over_time({${stream}} |= "$search" [${AUTO}]))`, '{{job}}')],
            stacked: true,
            bars: true,
          }),
          timeseries({
            title: 'Error Lines by Job',
            targets: [logql(`sum by (job) (count_over_time({job=~"$job", level=~"${ERROR_LEVELS}"} [${AUTO}]))`, '{{job}}')],
            bars: true,
          }),
          timeseries({
            title: 'Error Lines by Agent',
            targets: [logql(`sum by (agent_id) (count_over_time({job=~"$job", agent_id=~".+", level=~"${ERROR_LEVELS}"} [${AUTO}]))`, '{{agent_id}}')],
            bars: true,
          }),
        ],
      },
      {
        title: 'Lines',
        panels: [
          logsPanel({ title: 'Error Lines', targets: [logql(`{job=~"$job", agent_id=~"$agent_id", level=~"${ERROR_LEVELS}"} |= "$search"`, '', { maxLines: 500 })], height: 10 }),
          logsPanel({ title: 'All Lines', targets: [logql(`{${stream}} |= "$search"`, '', { maxLines: 1000 })], height: 16 }),
        ],
      },
    ],
  };
}
