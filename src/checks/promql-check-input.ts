/**
 * What the PromQL check of one environment reads, gathered from its stack as plain data: every
 * expression with where it is, the series each scrape job exposes, the rules, prometheus.yml and the
 * retention. The check itself (promql-findings.ts) is a pure function of it.
 */
import { familyAtRelease, IDashboard, MetricFamily, MonitoringStack, Platform, SCRAPE_SERIES, seriesNames } from '../../constructs';
import type { RuleDefinition } from '../../constructs/rule-file';
import { durationSeconds } from '../promql/duration';
import { parseImageReference } from '../config/values/image-reference';
import { datasourceQueries } from './dashboard-queries';
import { LabelValuesVariable, labelValuesVariables } from './dashboard-variables';
import { templateQueries } from './label-templates';
import { ExpressionUse } from './metric-coverage';
import { PrometheusConfigShape } from './scrape-labels';
import { ALERT_SERIES } from './series-environment';

/** What a job exposes, from the catalogues, for jobs that do not declare it themselves. */
export type CatalogueLookup = (job: string) => readonly MetricFamily[] | undefined;

export interface DashboardQueryUse extends ExpressionUse {
  readonly legend?: string;
  /** Where Grafana's interval variables stand in the expression. */
  readonly intervalSpans?: readonly (readonly [number, number])[];
}

export interface PromqlCheckInput {
  /** Every expression, for the names check: rules, dashboard panels, template queries, variables. */
  readonly uses: readonly ExpressionUse[];
  /** Series that some scrape job exposes or some rule records. */
  readonly available: ReadonlySet<string>;
  /** What each scrape job exposes, at the release its image runs; undefined where nothing is declared. */
  readonly families: ReadonlyMap<string, readonly MetricFamily[] | undefined>;
  readonly rules: readonly RuleDefinition[];
  readonly dashboardQueries: readonly DashboardQueryUse[];
  /** PromQL that alert templates run (`query`). */
  readonly templateUses: readonly ExpressionUse[];
  /** Prometheus label-values variables of the dashboards that name a selector. */
  readonly variables: readonly LabelValuesVariable[];
  /** prometheus.yml as the object it is dumped from. */
  readonly config: PrometheusConfigShape;
  readonly retentionSeconds?: number;
}

/** Runs inside a pass of the stack (describe and the rule files are derived once); none without Prometheus. */
export function promqlCheckInput(stack: MonitoringStack, platform: Platform, catalogue: CatalogueLookup, dashboards: readonly IDashboard[]): PromqlCheckInput | undefined {
  const prometheus = stack.prometheus;
  if (!prometheus) return undefined;
  const uses: ExpressionUse[] = [];
  const available = new Set<string>(SCRAPE_SERIES);
  const ownMetrics = componentMetricsByJob(stack, platform);
  const imageOfJob = componentImageByJob(stack, platform);
  const families = new Map<string, readonly MetricFamily[] | undefined>();
  for (const job of prometheus.scrapeJobNames(platform)) {
    // What a component or an added job declares for itself (the GPU exporter's counters file, say)
    // is more precise than the general catalogue of its kind.
    const declared = familiesOfImage(ownMetrics.get(job) ?? prometheus.declaredMetrics(job) ?? catalogue(job), imageOfJob.get(job));
    families.set(job, declared);
    for (const family of declared ?? []) for (const series of seriesNames(family)) available.add(series);
  }
  const rules = [...stack.ruleFileContents.values()].flatMap((contents) => contents.rules);
  for (const contents of stack.ruleFileContents.values()) {
    uses.push(...contents.uses);
    contents.recorded.forEach((r) => available.add(r));
  }
  if (rules.some((r) => r.alert !== undefined)) ALERT_SERIES.forEach((s) => available.add(s));
  const dashboardQueries: DashboardQueryUse[] = datasourceQueries(dashboards, 'prometheus').map(({ query: q, location }) => ({
    location,
    expr: q.expr,
    legend: q.legend,
    intervalSpans: q.intervalSpans,
  }));
  uses.push(...dashboardQueries.map(({ location, expr, intervalSpans }) => ({ location, expr, variableSpans: intervalSpans })));
  const templateUses = rules.flatMap((rule) =>
    Object.entries(rule.annotations).flatMap(([key, template]) => templateQueries(template).map((expr) => ({ location: `${rule.location}: annotation ${key}, query template`, expr }))),
  );
  uses.push(...templateUses);
  const variables = dashboards.flatMap(labelValuesVariables).filter((v) => v.datasource === 'prometheus' && v.selector);
  for (const v of variables) uses.push({ location: v.location, expr: v.selector!, variableSpans: v.variableSpans });
  return { uses, available, families, rules, dashboardQueries, templateUses, variables, ...prometheusServer(stack, platform) };
}

/** Prometheus as it is rendered: its configuration and how long it keeps samples. */
function prometheusServer(stack: MonitoringStack, platform: Platform): { config: PrometheusConfigShape; retentionSeconds?: number } {
  const spec = stack.describe(platform).find((s) => s.name === stack.prometheus?.serviceName);
  // The object prometheus.yml is dumped from: the same data, without parsing the text back.
  const config = (stack.prometheus?.config(platform) ?? {}) as PrometheusConfigShape;
  const flag = spec?.args?.find((a) => a.startsWith('--storage.tsdb.retention.time='));
  return { config, retentionSeconds: flag ? durationSeconds(flag.split('=')[1]) : undefined };
}

/** The image each component runs, by the jobs that scrape it. */
function componentImageByJob(stack: MonitoringStack, platform: Platform): Map<string, string> {
  const byJob = new Map<string, string>();
  for (const spec of stack.describe(platform)) for (const endpoint of spec.scrape) byJob.set(endpoint.job, spec.image);
  return byJob;
}

/**
 * A catalogue as the release of the image that runs it exposes it. The catalogues describe the pinned
 * images, so their recorded differences of older releases only apply when an environment runs an older
 * tag; an image without a release tag (a digest, a name of its own) is taken to be the pinned one.
 */
export function familiesOfImage(families: readonly MetricFamily[] | undefined, image: string | undefined): readonly MetricFamily[] | undefined {
  const release = image ? releaseOfImage(image) : undefined;
  if (!families || !release || !families.some((f) => f.olderReleases?.length)) return families;
  return families.flatMap((f) => familyAtRelease(f, release).family ?? []);
}

/** The release number an image tag names (`prom/node-exporter:v1.12.1` → `1.12.1`), if it names one. */
export function releaseOfImage(image: string): string | undefined {
  const parsed = parseImageReference(image);
  // A digest pins bytes, not a release: taken to be the pinned image.
  if ('problem' in parsed || parsed.reference.digest) return undefined;
  const tag = parsed.reference.tag;
  return tag && /^v?[0-9]+\.[0-9]+/.test(tag) ? tag : undefined;
}

/** The metric catalogue each component declares in its description, by the jobs that scrape it. */
function componentMetricsByJob(stack: MonitoringStack, platform: Platform): Map<string, readonly MetricFamily[]> {
  const byJob = new Map<string, readonly MetricFamily[]>();
  for (const spec of stack.describe(platform)) {
    for (const endpoint of spec.scrape) if (spec.metrics.length > 0) byJob.set(endpoint.job, spec.metrics);
  }
  return byJob;
}
