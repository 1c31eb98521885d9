/**
 * The synth-time check of one environment's stack: every rule and every dashboard query parses,
 * reads series that some scrape job exposes or a rule records, and type-checks against what those
 * series really are (labels, counter or gauge, scrape interval, retention); every Loki query parses
 * and names labels and fields the log pipeline gives.
 */
import { MonitoringStack, Platform } from '../../constructs';
import { COMPOSE_PLATFORM } from '../render/compose/platform';
import { checkLogQueries } from './log-queries';
import { CatalogueLookup, checkStackPromql } from './promql-checks';

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

/** Throws a StackCheckError listing every problem; returns the warnings (nothing wrong, but fragile). */
export function checkStack(stack: MonitoringStack, platform: Platform, catalogue: CatalogueLookup = () => undefined): string[] {
  return stack.inOnePass(() => {
    // Overrides name real alerts and thresholds even where Prometheus does not run.
    stack.alerting.checkOverrides();
    const dashboards = stack.grafana?.provisionedDashboards ?? [];
    const { problems, warnings } = checkStackPromql(stack, platform, catalogue, dashboards);
    // Promtail's labels on both platforms: a dashboard serves both.
    problems.push(...checkLogQueries(stack, [platform, COMPOSE_PLATFORM], dashboards));
    if (problems.length > 0) throw new StackCheckError(stack.props.name, problems);
    return warnings;
  });
}
