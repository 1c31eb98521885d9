/**
 * The metric catalogue: what a component exposes, so that dashboards and alerts can be checked
 * against what is really scraped.
 */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'info';

export interface MetricFamily {
  readonly name: string;
  readonly type: MetricType;
  readonly help?: string;
  /**
   * When a healthy target may lack the family (on a replica only, without hardware sensors, in a
   * newer exporter version than Debian's), as the end-to-end run checks real exporters against it.
   */
  readonly absentWhen?: string;
  /**
   * Labels its series carry as stored, after the scrape job's relabelling, besides the target's own
   * (`job`, `instance`, …), where alerts and dashboards group or filter by them. @default not listed
   */
  readonly labels?: readonly string[];
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

/** A family a healthy target may lack, and when (`on a replica only`). */
export const absentWhen = (family: MetricFamily, when: string): MetricFamily => ({ ...family, absentWhen: when });

/** Shorthand constructors keep catalogues readable. */
export const counter = (name: string, help?: string): MetricFamily => ({ name, type: 'counter', help });
export const gauge = (name: string, help?: string): MetricFamily => ({ name, type: 'gauge', help });
export const histogram = (name: string, help?: string): MetricFamily => ({ name, type: 'histogram', help });
export const summary = (name: string, help?: string): MetricFamily => ({ name, type: 'summary', help });

/** Series every scrape produces for its target, whatever the target is. */
export const SCRAPE_SERIES: readonly string[] = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
];
