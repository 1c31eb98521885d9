/**
 * The synth-time check of one environment's stack: every rule and every dashboard query parses,
 * reads series that some scrape job exposes or a rule records, and type-checks against what those
 * series really are (labels, counter or gauge, scrape interval, retention); every Loki query parses
 * and names labels and fields the log pipeline gives.
 */
import { MonitoringStack, Platform } from '../../constructs';
import { ComposePlatform } from '../render/compose/platform';
import { checkLogQueries } from './log-queries';
import { CatalogueLookup, PromqlCheckInput, promqlCheckInput } from './promql-check-input';
import { PromqlFindings, promqlFindings } from './promql-findings';

export type { CatalogueLookup };

export class StackCheckError extends Error {
  constructor(
    readonly environment: string,
    readonly problems: readonly string[],
  ) {
    super(`environment ${environment}: ${problems.length} problem(s) in dashboards and rules:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'StackCheckError';
  }
}

export interface StackCheckParts {
  /** What the PromQL check reads; none without Prometheus. */
  readonly promql?: PromqlCheckInput;
  /** The Loki queries' problems. */
  readonly logProblems: () => string[];
}

/**
 * The check's parts, in a pass: the overrides are checked here (they name real alerts and thresholds
 * even where Prometheus does not run), the PromQL input gathered, the log check left to run.
 */
export function stackCheckParts(stack: MonitoringStack, platform: Platform, catalogue: CatalogueLookup = () => undefined): StackCheckParts {
  stack.alerting.checkOverrides();
  const dashboards = stack.grafana?.provisionedDashboards ?? [];
  return {
    promql: promqlCheckInput(stack, platform, catalogue, dashboards),
    // Promtail's labels on both platforms: a dashboard serves both.
    logProblems: () => checkLogQueries(stack, [platform, new ComposePlatform()], dashboards),
  };
}

export const NO_FINDINGS: PromqlFindings = Object.freeze({ problems: [], warnings: [] });

/** Throws a StackCheckError listing every problem; returns the warnings (nothing wrong, but fragile). */
export function checkStack(stack: MonitoringStack, platform: Platform, catalogue: CatalogueLookup = () => undefined): string[] {
  return stack.inOnePass(() => {
    const parts = stackCheckParts(stack, platform, catalogue);
    const { problems, warnings } = parts.promql ? promqlFindings(parts.promql) : NO_FINDINGS;
    const all = [...problems, ...parts.logProblems()];
    if (all.length > 0) throw new StackCheckError(stack.props.name, all);
    return warnings;
  });
}
