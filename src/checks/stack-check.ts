/**
 * The synth-time check of one environment's stack: every rule and every Prometheus dashboard query
 * parses and reads a series that some scrape job of the environment exposes or a rule records.
 */
import { MetricFamily, MonitoringStack, Platform, SCRAPE_SERIES, seriesNames } from '../../constructs';
import { checkExpressions, ExpressionUse } from './metric-coverage';

/** What a job exposes, from the catalogues, for jobs that do not declare it themselves. */
export type CatalogueLookup = (job: string) => readonly MetricFamily[] | undefined;

export class StackCheckError extends Error {
  constructor(
    readonly environment: string,
    readonly problems: readonly string[],
  ) {
    super(`environment ${environment}: ${problems.length} problem(s) in dashboards and rules:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'StackCheckError';
  }
}

export function checkStack(stack: MonitoringStack, platform: Platform, catalogue: CatalogueLookup = () => undefined): void {
  stack.inOnePass(() => checkInPass(stack, platform, catalogue));
}

function checkInPass(stack: MonitoringStack, platform: Platform, catalogue: CatalogueLookup): void {
  // Overrides name real alerts and thresholds even where Prometheus does not run.
  stack.alerting.checkOverrides();
  const prometheus = stack.prometheus;
  if (!prometheus) return;
  const uses: ExpressionUse[] = [];
  const available = new Set<string>(SCRAPE_SERIES);
  const ownMetrics = componentMetricsByJob(stack, platform);

  for (const job of prometheus.scrapeJobNames(platform)) {
    // What a component or an added job declares for itself (the GPU exporter's counters file, say)
    // is more precise than the general catalogue of its kind.
    const families = ownMetrics.get(job) ?? prometheus.declaredMetrics(job) ?? catalogue(job) ?? [];
    for (const family of families) for (const series of seriesNames(family)) available.add(series);
  }
  for (const contents of stack.ruleFileContents.values()) {
    uses.push(...contents.uses);
    contents.recorded.forEach((r) => available.add(r));
  }
  for (const dashboard of stack.grafana?.provisionedDashboards ?? []) {
    for (const q of dashboard.queries ?? []) {
      if (q.datasource !== 'prometheus') continue;
      uses.push({ location: `dashboard "${dashboard.title}" (uid ${dashboard.uid}), panel "${q.panel}"`, expr: q.expr });
    }
  }
  const problems = checkExpressions(uses, available);
  if (problems.length > 0) throw new StackCheckError(stack.environment.name, problems);
}

/** The metric catalogue each component declares in its description, by the jobs that scrape it. */
function componentMetricsByJob(stack: MonitoringStack, platform: Platform): Map<string, readonly MetricFamily[]> {
  const byJob = new Map<string, readonly MetricFamily[]>();
  for (const spec of stack.describe(platform)) {
    for (const endpoint of spec.scrape) if (spec.metrics.length > 0) byJob.set(endpoint.job, spec.metrics);
  }
  return byJob;
}
