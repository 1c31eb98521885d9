/**
 * The PromQL of one environment's stack — rules, the queries their templates run, dashboard panels
 * and variables — checked for names (metric-coverage.ts) and types (src/promql/typecheck.ts) against
 * the series its Prometheus really holds: catalogue families through the rendered scrape configs, and
 * what the recording rules record.
 */
import { familyAtRelease, IDashboard, MetricFamily, MonitoringStack, Platform, SCRAPE_SERIES, seriesNames } from '../../constructs';
import { durationSeconds } from '../promql/duration';
import { promqlTree } from '../promql/parse';
import { suggestName } from '../promql/suggest';
import { typeCheck, TypeCheckResult } from '../promql/typecheck';
import { lacksLabel, labelsOf } from '../promql/types';
import { dashboardQueries } from './dashboard-queries';
import { labelValuesVariables } from './dashboard-variables';
import { parsedYaml } from './parsed-yaml';
import { alertTemplateLabels, legendLabels, missingTemplateLabels, templateQueries } from './label-templates';
import { checkExpressions, ExpressionUse } from './metric-coverage';
import { PrometheusConfigShape, scrapeJobsOf } from './scrape-labels';
import { ALERT_SERIES, SeriesEnvironment } from './series-environment';
import { parseDuration } from '../config/values/duration';
import { parseImageReference } from '../config/values/image-reference';

/** What a job exposes, from the catalogues, for jobs that do not declare it themselves. */
export type CatalogueLookup = (job: string) => readonly MetricFamily[] | undefined;

export interface PromqlFindings {
  readonly problems: string[];
  /** Nothing wrong, but fragile (a window of fewer than four scrapes). */
  readonly warnings: string[];
}

/** Runs inside a pass of the stack (describe and the rule files are derived once). */
export function checkStackPromql(stack: MonitoringStack, platform: Platform, catalogue: CatalogueLookup, dashboards: readonly IDashboard[]): PromqlFindings {
  const prometheus = stack.prometheus;
  const problems: string[] = [];
  const warnings: string[] = [];
  if (!prometheus) return { problems, warnings };
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
  const promDashboardQueries = dashboards.flatMap((d) =>
    dashboardQueries(d).filter((q) => q.datasource === 'prometheus').map((q) => ({ q, location: `dashboard "${d.title}" (uid ${d.uid}), panel "${q.panel}"` })),
  );
  for (const { q, location } of promDashboardQueries) uses.push({ location, expr: q.expr, variableSpans: q.intervalSpans });
  // PromQL that alert templates run (`query`), checked like the rules themselves.
  const templateUses = rules.flatMap((rule) =>
    Object.entries(rule.annotations).flatMap(([key, template]) => templateQueries(template).map((expr) => ({ location: `${rule.location}: annotation ${key}, query template`, expr }))),
  );
  uses.push(...templateUses);
  const variables = dashboards.flatMap(labelValuesVariables).filter((v) => v.datasource === 'prometheus' && v.selector);
  for (const v of variables) uses.push({ location: v.location, expr: v.selector!, variableSpans: v.variableSpans });
  // The name check and the type checker share one tree per expression (promqlTree remembers it).
  const treeOf = promqlTree;
  problems.push(...checkExpressions(uses, available));

  const server = prometheusServer(stack, platform);
  const env = new SeriesEnvironment({
    families,
    scrapeJobs: scrapeJobsOf(server.config),
    rules,
    treeOf,
    evaluationInterval: durationSeconds(server.config.global?.evaluation_interval ?? '') ?? 60,
    retentionSeconds: server.retentionSeconds,
  });
  // A group's interval is the sample interval of what it records: one Prometheus cannot read fails here.
  const groupProblems = new Set<string>();
  for (const rule of rules) {
    const interval = rule.interval === undefined ? undefined : parseDuration(String(rule.interval));
    const group = rule.location.slice(0, rule.location.lastIndexOf(rule.alert !== undefined ? ', alert ' : ', record '));
    if (interval && 'problem' in interval) groupProblems.add(`${group}: interval ${interval.problem}`);
  }
  problems.push(...groupProblems);
  const report = (location: string, expr: string, result: TypeCheckResult) => {
    for (const p of result.problems) (p.severity === 'error' ? problems : warnings).push(`${location}: ${p.message} in \`${expr}\``);
  };
  for (const rule of rules) {
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
  for (const { q, location } of promDashboardQueries) {
    const result = typeCheck(q.expr, { series: (m, j) => env.series(m, j), retentionSeconds: env.retentionSeconds, variableSpans: q.intervalSpans }, treeOf(q.expr));
    report(location, q.expr, result);
    if (q.legend) problems.push(...missingTemplateLabels(legendLabels(q.legend), labelsOf(result.type), `${location}: legend "${q.legend}"`).map((p) => `${p} in \`${q.expr}\``));
  }
  for (const use of templateUses) report(use.location, use.expr, typeCheck(use.expr, env, treeOf(use.expr)));
  for (const v of variables) {
    const result = typeCheck(v.selector!, { series: (m, j) => env.series(m, j), retentionSeconds: env.retentionSeconds, variableSpans: v.variableSpans }, treeOf(v.selector!));
    report(v.location, v.selector!, result);
    const labels = labelsOf(result.type);
    if (lacksLabel(labels, v.label)) {
      const near = suggestName(v.label, [...labels.names].filter((l) => l !== '__name__'));
      problems.push(`${v.location}: ${v.definition} lists the values of "${v.label}", which ${v.selector} does not carry${near ? ` (did you mean "${near}"?)` : ''}`);
    }
  }
  return { problems, warnings };
}

/** Prometheus as it is rendered: its configuration and how long it keeps samples. */
function prometheusServer(stack: MonitoringStack, platform: Platform): { config: PrometheusConfigShape; retentionSeconds?: number } {
  const spec = stack.describe(platform).find((s) => s.name === stack.prometheus?.serviceName);
  const text = spec?.configs?.flatMap((c) => Object.entries(c.files)).find(([name]) => name === 'prometheus.yml')?.[1];
  const config = (text ? parsedYaml(text) : {}) as PrometheusConfigShape;
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
