/**
 * Every Loki query of the dashboards against what the log pipeline really gives a line: the stream
 * labels Promtail's rendered configuration attaches on either platform (discovery relabelling, static
 * labels, its `labels` stage) plus Loki's `service_name`, the structured metadata it keeps, and the
 * fields of the application's JSON lines (the monitoring guide's structured logging).
 */
import { IDashboard, MonitoringStack, Platform } from '../../constructs';
import { checkLogql, LogSchema } from '../logql/check';
import { suggestName } from '../promql/suggest';
import { datasourceQueries } from './dashboard-queries';
import { labelValuesVariables } from './dashboard-variables';

/**
 * Fields the guide's StructuredFormatter writes on every line (timestamp, level, logger, message,
 * module, function, line) or when the record has them (user_id, request_id, agent_id), and the
 * trace_id the stack asks the application to add for the log-to-trace link.
 */
export const APPLICATION_LOG_FIELDS: readonly string[] = [
  'timestamp',
  'level',
  'logger',
  'message',
  'module',
  'function',
  'line',
  'user_id',
  'request_id',
  'agent_id',
  'trace_id',
];

/** Loki 3 gives every stream a service_name (from a known label, else `unknown_service`). */
const LOKI_STREAM_LABELS = ['service_name'];

interface PromtailShape {
  scrape_configs?: {
    static_configs?: { labels?: Record<string, string> }[];
    relabel_configs?: { target_label?: string; action?: string }[];
    pipeline_stages?: Record<string, unknown>[];
  }[];
}

/** Stream labels and structured metadata from Promtail's configurations (as objects) on the given platforms. */
export function logSchemaOf(promtailConfigs: readonly object[]): LogSchema {
  const streamLabels = new Set<string>(LOKI_STREAM_LABELS);
  const structuredMetadata = new Set<string>();
  for (const config of promtailConfigs as readonly PromtailShape[]) {
    for (const job of config.scrape_configs ?? []) {
      for (const s of job.static_configs ?? []) for (const l of Object.keys(s.labels ?? {})) streamLabels.add(l);
      for (const r of job.relabel_configs ?? []) {
        const action = r.action ?? 'replace';
        if (r.target_label && action === 'replace') streamLabels.add(r.target_label);
      }
      for (const stage of job.pipeline_stages ?? []) {
        for (const l of Object.keys((stage.labels as Record<string, unknown>) ?? {})) streamLabels.add(l);
        for (const l of Object.keys((stage.structured_metadata as Record<string, unknown>) ?? {})) structuredMetadata.add(l);
        // The runtime stages name the output stream (stdout/stderr) as a label.
        if ('cri' in stage || 'docker' in stage) streamLabels.add('stream');
      }
    }
  }
  for (const l of [...streamLabels]) if (l.startsWith('__')) streamLabels.delete(l);
  return { streamLabels, structuredMetadata, jsonFields: new Set(APPLICATION_LOG_FIELDS) };
}

/** Problems of the Loki queries of the dashboards, each with the dashboard and panel. */
export function checkLogQueries(stack: MonitoringStack, platforms: readonly Platform[], dashboards: readonly IDashboard[]): string[] {
  const queries = datasourceQueries(dashboards, 'loki');
  const variables = dashboards.flatMap(labelValuesVariables).filter((v) => v.datasource === 'loki');
  if (queries.length === 0 && variables.length === 0) return [];
  const promtail = stack.promtail;
  // Without Promtail nothing here knows what ships the logs: only the syntax is checked.
  const schema = promtail ? { ...logSchemaOf(platforms.map((p) => promtail.config(p))), otherServices: stack.componentNames } : undefined;
  const problems = queries.flatMap(({ query: q, location }) => checkLogql(q.expr, schema, q.intervalSpans, q.legend).map((p) => `${location}: ${p} in \`${q.expr}\``));
  for (const v of variables) {
    if (v.selector) problems.push(...checkLogql(v.selector, schema, v.variableSpans).map((p) => `${v.location}: ${p} in \`${v.selector}\``));
    // Loki lists values of indexed labels only.
    if (schema && !schema.streamLabels.has(v.label)) {
      const near = suggestName(v.label, [...schema.streamLabels]);
      const meta = schema.structuredMetadata.has(v.label) ? ` ("${v.label}" is structured metadata, which Loki does not list values of)` : '';
      problems.push(`${v.location}: ${v.definition} lists the values of stream label "${v.label}", which the log pipeline does not attach${meta || (near ? ` (did you mean "${near}"?)` : '')}`);
    }
  }
  return problems;
}
