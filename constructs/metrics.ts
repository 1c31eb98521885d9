/**
 * The metric catalogue: what a component exposes, so that dashboards and alerts can be checked
 * against what is really scraped.
 */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export const METRIC_TYPES: readonly MetricType[] = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];

/**
 * One metric family as its target exposes it (the `# TYPE` line and the label names of its samples).
 * `labels` are the target's own: not the ones the scrape adds (`job`, `instance`, relabelled ones),
 * not `le` of a histogram's buckets nor `quantile` of a summary, which follow from the type. Without
 * `labels` the family's labels are unknown and the label checks stay silent about it.
 */
export interface MetricFamily {
  readonly name: string;
  readonly type: MetricType;
  /**
   * When a healthy target may lack the family (on a replica only, without hardware sensors, in a
   * newer exporter version than Debian's), as the end-to-end run checks real exporters against it.
   */
  readonly absentWhen?: string;
  readonly labels?: readonly string[];
  readonly help?: string;
}

/**
 * Series names a family produces in the exposition format. A histogram has no series under its bare
 * name (only _bucket, _sum and _count), so a query reading the bare name reads nothing; a summary's
 * quantiles do carry the bare name.
 */
export function seriesNames(family: MetricFamily): string[] {
  switch (family.type) {
    case 'histogram':
      return [`${family.name}_bucket`, `${family.name}_sum`, `${family.name}_count`];
    case 'summary':
      return [family.name, `${family.name}_sum`, `${family.name}_count`];
    default:
      return [family.name];
  }
}

/**
 * Refuses a family list an extension hands in that the checks would misread: a bad name, an unknown
 * type, labels that are not a list of label names (`le` and `quantile` follow from the type).
 */
export function checkFamilies(families: unknown, where: string): void {
  if (!Array.isArray(families)) throw new Error(`${where} must be a list of metric families ({ name, type, labels? })`);
  families.forEach((f: Partial<MetricFamily> | null, i) => {
    const at = `${where}[${i}]`;
    if (typeof f !== 'object' || f === null) throw new Error(`${at} must be an object { name, type, labels? }`);
    if (typeof f.name !== 'string' || !/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(f.name)) throw new Error(`${at}.name: ${JSON.stringify(f.name)} is not a metric name`);
    if (!METRIC_TYPES.includes(f.type as MetricType)) throw new Error(`${at}.type (${f.name}): ${JSON.stringify(f.type)} is not one of ${METRIC_TYPES.join(', ')}`);
    if (f.labels === undefined) return;
    if (!Array.isArray(f.labels)) throw new Error(`${at}.labels (${f.name}) must be a list of label names`);
    for (const label of f.labels as unknown[]) {
      if (typeof label !== 'string' || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(label)) throw new Error(`${at}.labels (${f.name}): ${JSON.stringify(label)} is not a label name`);
      if ((label === 'le' && f.type === 'histogram') || (label === 'quantile' && f.type === 'summary')) {
        throw new Error(`${at}.labels (${f.name}): leave "${label}" out, the ${f.type} type gives it`);
      }
    }
  });
}

/** A family a healthy target may lack, and when (`on a replica only`). */
export const absentWhen = (family: MetricFamily, when: string): MetricFamily => ({ ...family, absentWhen: when });

/** Shorthand constructors keep catalogues readable: name, the target's own label names, help. */
const family =
  (type: MetricType) =>
  (name: string, labels: readonly string[], help?: string): MetricFamily => ({ name, type, labels, help });
export const counter = family('counter');
export const gauge = family('gauge');
export const histogram = family('histogram');
export const summary = family('summary');
export const untyped = family('untyped');

/** Series every scrape produces for its target, whatever the target is. */
export const SCRAPE_SERIES: readonly string[] = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
];
