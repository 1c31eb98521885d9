/**
 * Every PromQL expression must parse and read only series that exist: a typo in a metric name fails
 * synth here, naming the dashboard panel or alert, instead of drawing an empty panel in production.
 */
import { parsePromql } from '../promql/parse';
import { closest } from '../util/closest';

/** A PromQL expression and where it lives, for the message. */
export interface ExpressionUse {
  /** `dashboard "Hosts" (uid hosts), panel "CPU Busy"` or `rule file training.yaml, group training.alerts, alert TrainingStalled`. */
  readonly location: string;
  readonly expr: string;
  /** Spans of `expr` that stand for dashboard variables: a metric name there is the dashboard user's to choose. */
  readonly variableSpans?: readonly (readonly [number, number])[];
}

/** Problems of every expression: syntax errors and series that nothing in the environment produces. */
export function checkExpressions(uses: readonly ExpressionUse[], available: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const use of uses) {
    const parsed = parsePromql(use.expr);
    for (const p of parsed.problems) problems.push(`${use.location}: ${p.message} in \`${use.expr}\``);
    const chosen = new Set((use.variableSpans ?? []).map(([from, to]) => use.expr.slice(from, to)));
    for (const metric of parsed.metrics) {
      if (available.has(metric) || chosen.has(metric)) continue;
      const near = closest(metric, available, 3);
      problems.push(
        `${use.location}: reads "${metric}", which no scrape job of this environment exposes and no recording rule produces` +
          (near ? ` (did you mean "${near}"?)` : ''),
      );
    }
  }
  return problems;
}
