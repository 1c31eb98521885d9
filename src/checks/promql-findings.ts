/**
 * The PromQL check of one environment, from the plain data promql-check-input.ts gathers: names
 * (metric-coverage.ts) and types (src/promql/typecheck.ts) against the series its Prometheus really
 * holds. A pure function of its input, so it gives the same findings in a worker thread as here.
 */
import { parseDuration } from '../config/values/duration';
import { durationSeconds } from '../promql/duration';
import { suggestName } from '../promql/suggest';
import { typeCheck, TypeCheckResult, TypeEnvironment } from '../promql/typecheck';
import { lacksLabel, labelsOf } from '../promql/types';
import { alertTemplateLabels, legendLabels, missingTemplateLabels } from './label-templates';
import { checkExpressions } from './metric-coverage';
import { PromqlCheckInput } from './promql-check-input';
import { scrapeJobsOf } from './scrape-labels';
import { SeriesEnvironment } from './series-environment';

export interface PromqlFindings {
  readonly problems: string[];
  /** Nothing wrong, but fragile (a window of fewer than four scrapes). */
  readonly warnings: string[];
}

export function promqlFindings(input: PromqlCheckInput): PromqlFindings {
  const warnings: string[] = [];
  const problems = [...checkExpressions(input.uses, input.available)];
  const env = new SeriesEnvironment({
    families: input.families,
    scrapeJobs: scrapeJobsOf(input.config),
    rules: input.rules,
    evaluationInterval: durationSeconds(input.config.global?.evaluation_interval ?? '') ?? 60,
    retentionSeconds: input.retentionSeconds,
  });
  // A group's interval is the sample interval of what it records: one Prometheus cannot read fails here.
  const groupProblems = new Set<string>();
  for (const rule of input.rules) {
    const interval = rule.interval === undefined ? undefined : parseDuration(String(rule.interval));
    const group = rule.location.slice(0, rule.location.lastIndexOf(rule.alert !== undefined ? ', alert ' : ', record '));
    if (interval && 'problem' in interval) groupProblems.add(`${group}: interval ${interval.problem}`);
  }
  problems.push(...groupProblems);
  const report = (location: string, expr: string, result: TypeCheckResult) => {
    for (const p of result.problems) (p.severity === 'error' ? problems : warnings).push(`${location}: ${p.message} in \`${expr}\``);
  };
  for (const rule of input.rules) {
    const result = env.ruleResult(rule);
    report(rule.location, rule.expr, result);
    if (!rule.alert) continue;
    const labels = labelsOf(result.type);
    for (const [kind, map] of [['annotation', rule.annotations], ['label', rule.labels]] as const) {
      for (const [key, template] of Object.entries(map)) {
        problems.push(...missingTemplateLabels(alertTemplateLabels(template), labels, `${rule.location}: ${kind} ${key}`).map((p) => `${p} in \`${rule.expr}\``));
      }
    }
  }
  // A dashboard's expression: the same series, with the spans its variables stood in.
  const withVariables = (variableSpans: TypeEnvironment['variableSpans']): TypeEnvironment => ({ series: (m, j) => env.series(m, j), retentionSeconds: env.retentionSeconds, variableSpans });
  for (const q of input.dashboardQueries) {
    const result = typeCheck(q.expr, withVariables(q.intervalSpans));
    report(q.location, q.expr, result);
    if (q.legend) problems.push(...missingTemplateLabels(legendLabels(q.legend), labelsOf(result.type), `${q.location}: legend "${q.legend}"`).map((p) => `${p} in \`${q.expr}\``));
  }
  for (const use of input.templateUses) report(use.location, use.expr, typeCheck(use.expr, env));
  for (const v of input.variables) {
    const result = typeCheck(v.selector!, withVariables(v.variableSpans));
    report(v.location, v.selector!, result);
    const labels = labelsOf(result.type);
    if (lacksLabel(labels, v.label)) {
      const near = suggestName(v.label, [...labels.names].filter((l) => l !== '__name__'));
      problems.push(`${v.location}: ${v.definition} lists the values of "${v.label}", which ${v.selector} does not carry${near ? ` (did you mean "${near}"?)` : ''}`);
    }
  }
  return { problems, warnings };
}
