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
  /**
   * How releases older than the one the catalogue describes expose the family, in any order: each
   * difference holds for every release before its `before`. The catalogue's own fields describe the
   * pinned image; these let the end-to-end run check an older build (Debian's) against it, and the type
   * checker read the catalogue at an older image tag an environment runs.
   */
  readonly olderReleases?: readonly ReleaseDifference[];
}

/** One change of a family between releases of its exporter, with where it is shown. */
export interface ReleaseDifference {
  /** The first release with the catalogue's form (`1.8.0`); every older release differs as below. */
  readonly before: string;
  /** Labels of the catalogue those releases do not put on the samples. */
  readonly lacksLabels?: readonly string[];
  /** Labels those releases put on the samples besides the catalogue's. */
  readonly extraLabels?: readonly string[];
  /** The family's name in those releases. */
  readonly name?: string;
  /** Those releases do not expose the family at all (in the default configuration). */
  readonly absent?: boolean;
  /** Where the change is shown: a changelog entry or a source file at a tag. */
  readonly source: string;
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
    if (f.olderReleases !== undefined) checkOlderReleases(f.olderReleases, f, `${at}.olderReleases (${f.name})`);
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

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function checkOlderReleases(differences: unknown, family: Partial<MetricFamily>, where: string): void {
  if (!Array.isArray(differences)) throw new Error(`${where} must be a list of { before, source, lacksLabels?, extraLabels?, name?, absent? }`);
  differences.forEach((d: Partial<ReleaseDifference> | null, i) => {
    const at = `${where}[${i}]`;
    if (typeof d !== 'object' || d === null) throw new Error(`${at} must be an object { before, source, … }`);
    if (typeof d.before !== 'string' || !/^v?[0-9]+(\.[0-9]+)*$/.test(d.before)) throw new Error(`${at}.before: ${JSON.stringify(d.before)} is not a release number such as 1.8.0`);
    if (typeof d.source !== 'string' || d.source.trim() === '') throw new Error(`${at}.source: say where the change is shown (a changelog entry or a file at a tag)`);
    for (const key of ['lacksLabels', 'extraLabels'] as const) {
      const list = d[key];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.some((l) => typeof l !== 'string' || !LABEL_NAME.test(l))) throw new Error(`${at}.${key} must be a list of label names`);
    }
    const unknown = (d.lacksLabels ?? []).filter((l) => Array.isArray(family.labels) && !family.labels.includes(l));
    if (unknown.length > 0) throw new Error(`${at}.lacksLabels: ${unknown.join(', ')} not among the family's labels`);
    if (d.name !== undefined && (typeof d.name !== 'string' || !/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(d.name))) throw new Error(`${at}.name: ${JSON.stringify(d.name)} is not a metric name`);
    if (d.absent !== undefined && typeof d.absent !== 'boolean') throw new Error(`${at}.absent must be true or false`);
    if (!d.lacksLabels?.length && !d.extraLabels?.length && d.name === undefined && !d.absent) throw new Error(`${at} records no difference (lacksLabels, extraLabels, name or absent)`);
  });
}

/** Release numbers compared numerically part by part (`0.11.1` < `0.12.0`; a `v` and any `+ds`/`-2` suffix ignored). */
export function compareReleases(a: string, b: string): number {
  const parts = (v: string) => {
    const m = /^v?([0-9]+(?:\.[0-9]+)*)/.exec(v.trim());
    if (!m) throw new Error(`"${v}" is not a release number`);
    return m[1].split('.').map(Number);
  };
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** The family as the given release of its exporter exposes it, and the recorded differences that made it so. */
export function familyAtRelease(family: MetricFamily, release: string): { family: MetricFamily | undefined; applied: ReleaseDifference[] } {
  // Newest change first, so that the oldest applicable rename is the name in the end.
  const applied = (family.olderReleases ?? []).filter((d) => compareReleases(release, d.before) < 0).sort((a, b) => compareReleases(b.before, a.before));
  if (applied.some((d) => d.absent)) return { family: undefined, applied };
  let labels = family.labels;
  let name = family.name;
  for (const d of applied) {
    if (labels) labels = [...labels.filter((l) => !(d.lacksLabels ?? []).includes(l)), ...(d.extraLabels ?? []).filter((l) => !labels!.includes(l))];
    if (d.name) name = d.name;
  }
  return { family: { ...family, name, labels }, applied };
}

/** A family as older releases expose it: `withOlderReleases(gauge(…), { before: '1.8.0', lacksLabels: […], source })`. */
export const withOlderReleases = (family: MetricFamily, ...differences: ReleaseDifference[]): MetricFamily => ({
  ...family,
  olderReleases: [...(family.olderReleases ?? []), ...differences],
});

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
