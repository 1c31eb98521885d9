/**
 * The series an environment's Prometheus holds, as the type checker sees them: for each name, the
 * label set, counter-ness and sample interval, per scrape job (catalogue labels passed through the
 * job's relabelling) and per recording rule (labels derived from its expression). Built once per
 * check of a stack; each name's series, scraped or recorded, are worked out when first read, once.
 */
import { MetricFamily, SCRAPE_SERIES, seriesNames } from '../../constructs/metrics';
import { durationSeconds } from '../promql/duration';
import { typeCheck, SeriesInfo, TypeCheckResult, TypeEnvironment } from '../promql/typecheck';
import { addLabels, knownLabels, Labels, mergeTri, Tri, UNKNOWN_LABELS, unionLabels, withoutLabels } from '../promql/types';
import { RuleDefinition } from '../../constructs/rule-file';
import { ScrapeJobLabels } from './scrape-labels';

/** Series Prometheus writes for its alerting rules. */
export const ALERT_SERIES: readonly string[] = ['ALERTS', 'ALERTS_FOR_STATE'];

interface Source extends SeriesInfo {
  /** The job that scrapes it; none for a recorded series. */
  readonly job?: string;
}

/** Where a job's series of one name come from: the family that declares it and the job's relabelling. */
interface ScrapedFrom {
  readonly job: string;
  readonly scrape: ScrapeJobLabels;
  /** None for the series Prometheus adds to every scrape (`up`, `scrape_duration_seconds`, …). */
  readonly family?: MetricFamily;
}

export interface SeriesEnvironmentInput {
  /** What each job exposes; undefined where nothing is declared. */
  readonly families: ReadonlyMap<string, readonly MetricFamily[] | undefined>;
  readonly scrapeJobs: ReadonlyMap<string, ScrapeJobLabels>;
  readonly rules: readonly RuleDefinition[];
  /** Seconds between rule evaluations (the global evaluation_interval). */
  readonly evaluationInterval: number;
  readonly retentionSeconds?: number;
}

export class SeriesEnvironment implements TypeEnvironment {
  readonly retentionSeconds?: number;
  /** By series name; a name's label sets are worked out when it is first read (most are never read). */
  private readonly scrapedFrom = new Map<string, ScrapedFrom[]>();
  private readonly scraped = new Map<string, readonly Source[]>();
  private readonly recordings = new Map<string, RuleDefinition[]>();
  private readonly recorded = new Map<string, Source | undefined>();
  private readonly deriving = new Set<string>();
  private readonly ruleResults = new Map<string, TypeCheckResult>();

  constructor(private readonly input: SeriesEnvironmentInput) {
    this.retentionSeconds = input.retentionSeconds;
    for (const [job, families] of input.families) {
      const scrape = input.scrapeJobs.get(job);
      if (!scrape) continue;
      for (const series of SCRAPE_SERIES) this.add(series, { job, scrape });
      for (const family of families ?? []) for (const series of seriesNames(family)) this.add(series, { job, scrape, family });
    }
    for (const rule of input.rules) {
      if (!rule.record) continue;
      const list = this.recordings.get(rule.record) ?? [];
      list.push(rule);
      this.recordings.set(rule.record, list);
    }
  }

  series(metric: string, job: ((job: string) => boolean) | undefined): SeriesInfo | undefined {
    const sources = [...this.scrapedSources(metric)];
    const recorded = ALERT_SERIES.includes(metric) ? this.alertSeries(metric) : this.recordedSeries(metric);
    if (recorded) sources.push(recorded);
    if (sources.length === 0) return undefined;
    // A job matcher narrows the scraped sources; recorded series keep whatever labels their rules gave.
    const admitted = job ? sources.filter((s) => s.job === undefined || job(s.job)) : sources;
    return combine(admitted.length > 0 ? admitted : sources);
  }

  /** The type check of a rule's expression, shared by the derivation of recorded series and the checks. */
  ruleResult(rule: RuleDefinition): TypeCheckResult {
    let result = this.ruleResults.get(rule.expr);
    if (!result) {
      result = typeCheck(rule.expr, this);
      this.ruleResults.set(rule.expr, result);
    }
    return result;
  }

  private add(series: string, from: ScrapedFrom): void {
    const list = this.scrapedFrom.get(series);
    if (list) list.push(from);
    else this.scrapedFrom.set(series, [from]);
  }

  private scrapedSources(series: string): readonly Source[] {
    let sources = this.scraped.get(series);
    if (!sources) {
      sources = (this.scrapedFrom.get(series) ?? []).map(({ job, scrape, family }): Source => {
        if (!family) return { job, labels: scrape.seriesLabels(knownLabels([])), counter: 'no', buckets: 'no', sampleInterval: scrape.interval };
        return { job, ...traitsOf(family, series), labels: scrape.seriesLabels(ownLabels(family, series)), sampleInterval: scrape.interval };
      });
      this.scraped.set(series, sources);
    }
    return sources;
  }

  /**
   * ALERTS and ALERTS_FOR_STATE, which Prometheus writes for its alerting rules: each alert's labels
   * (its expression's result and its rule's labels) with `alertname`, and `alertstate` on ALERTS.
   */
  private alertSeries(name: string): Source | undefined {
    const alerts = this.input.rules.filter((r) => r.alert !== undefined);
    if (alerts.length === 0) return undefined;
    if (this.recorded.has(name)) return this.recorded.get(name);
    // An alert reading ALERTS (a meta-alert on how many fire) is left unknown rather than looping.
    if (this.deriving.has(name)) return { labels: UNKNOWN_LABELS, counter: 'no', buckets: 'no' };
    this.deriving.add(name);
    try {
      const own = name === 'ALERTS' ? ['alertname', 'alertstate'] : ['alertname'];
      const parts = alerts.map((rule): Source => {
        const t = this.ruleResult(rule).type;
        const labels = t.kind === 'vector' ? withoutLabels(t.labels, ['__name__']) : UNKNOWN_LABELS;
        return { labels: addLabels(labels, [...own, ...Object.keys(rule.labels)]), counter: 'no', buckets: 'no', sampleInterval: durationSeconds(rule.interval ?? '') ?? this.input.evaluationInterval };
      });
      const source = combine(parts);
      this.recorded.set(name, source);
      return source;
    } finally {
      this.deriving.delete(name);
    }
  }

  private recordedSeries(name: string): Source | undefined {
    const rules = this.recordings.get(name);
    if (!rules) return undefined;
    if (this.recorded.has(name)) return this.recorded.get(name);
    // A rule reading its own output (directly or through others) is left unknown rather than looping.
    if (this.deriving.has(name)) return { labels: UNKNOWN_LABELS, counter: 'unknown', buckets: 'unknown' };
    this.deriving.add(name);
    try {
      const parts = rules.map((rule): Source => {
        const t = this.ruleResult(rule).type;
        const interval = durationSeconds(rule.interval ?? '') ?? this.input.evaluationInterval;
        if (t.kind !== 'vector') return { labels: addLabels(UNKNOWN_LABELS, Object.keys(rule.labels)), counter: 'unknown', buckets: 'unknown', sampleInterval: interval };
        return { labels: addLabels(withoutLabels(t.labels, ['__name__']), Object.keys(rule.labels)), counter: t.counter, buckets: t.buckets, sampleInterval: interval };
      });
      const source = combine(parts);
      this.recorded.set(name, source);
      return source;
    } finally {
      this.deriving.delete(name);
    }
  }
}

function ownLabels(family: MetricFamily, series: string): Labels {
  if (!family.labels) return UNKNOWN_LABELS;
  if (family.type === 'histogram' && series.endsWith('_bucket')) return knownLabels([...family.labels, 'le']);
  if (family.type === 'summary' && series === family.name) return knownLabels([...family.labels, 'quantile']);
  return knownLabels(family.labels);
}

function traitsOf(family: MetricFamily, series: string): { counter: Tri; buckets: Tri } {
  switch (family.type) {
    case 'counter':
      return { counter: 'yes', buckets: 'no' };
    case 'histogram':
      return { counter: 'yes', buckets: series.endsWith('_bucket') ? 'yes' : 'no' };
    case 'summary':
      return { counter: series === family.name ? 'no' : 'yes', buckets: 'no' };
    case 'gauge':
      return { counter: 'no', buckets: 'no' };
    default:
      return { counter: 'unknown', buckets: 'unknown' };
  }
}

function combine(sources: readonly Source[]): Source {
  let labels = sources[0].labels;
  let counter = sources[0].counter;
  let buckets = sources[0].buckets;
  let interval = sources[0].sampleInterval;
  for (const s of sources.slice(1)) {
    labels = unionLabels(labels, s.labels);
    counter = mergeTri(counter, s.counter);
    buckets = mergeTri(buckets, s.buckets);
    interval = interval === undefined || s.sampleInterval === undefined ? undefined : Math.max(interval, s.sampleInterval);
  }
  return { labels, counter, buckets, sampleInterval: interval };
}
