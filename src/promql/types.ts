/**
 * The types the PromQL checker gives each node, as a type checker would: an instant vector with the
 * label names its series carry, a range vector, a scalar or a string. What cannot be decided is
 * `unknown` (or an open label set), and every check stays silent about it.
 */

/** Label names series carry. `open`: there may be others, so a name missing from `names` proves nothing. */
export interface Labels {
  readonly names: ReadonlySet<string>;
  readonly open: boolean;
}

export const UNKNOWN_LABELS: Labels = Object.freeze({ names: new Set<string>(), open: true });

export const knownLabels = (names: Iterable<string>): Labels => ({ names: new Set(names), open: false });

export function hasLabel(labels: Labels, name: string): boolean {
  return labels.open || labels.names.has(name);
}

/** Whether a label can be proven absent: the set is closed and lacks it. */
export function lacksLabel(labels: Labels, name: string): boolean {
  return !labels.open && !labels.names.has(name);
}

export function unionLabels(...sets: readonly Labels[]): Labels {
  return { names: new Set(sets.flatMap((s) => [...s.names])), open: sets.some((s) => s.open) };
}

export function withoutLabels(labels: Labels, drop: Iterable<string>): Labels {
  const gone = new Set(drop);
  return { names: new Set([...labels.names].filter((n) => !gone.has(n))), open: labels.open };
}

export function addLabels(labels: Labels, add: Iterable<string>): Labels {
  return { names: new Set([...labels.names, ...add]), open: labels.open };
}

/** Yes, no, or cannot tell. */
export type Tri = 'yes' | 'no' | 'unknown';

export function mergeTri(a: Tri, b: Tri): Tri {
  return a === b ? a : 'unknown';
}

/** What an instant or range vector's samples are, as far as the checks need to know. */
export interface SeriesTraits {
  readonly labels: Labels;
  /** Samples of a counter (a counter family, or a histogram's or summary's _bucket/_count/_sum), as scraped. */
  readonly counter: Tri;
  /** Samples that are histogram buckets (by `le`), raw or rated. */
  readonly buckets: Tri;
  /** The metric read, for messages: a bare selector's name. */
  readonly metric?: string;
  /** An aggregation kept only some of the metric's labels: messages name the labels left, not the metric. */
  readonly regrouped?: boolean;
  /** Longest interval between samples of the series read (scrape or evaluation interval), seconds. */
  readonly sampleInterval?: number;
}

export type PromType =
  | ({ readonly kind: 'vector' } & SeriesTraits)
  | ({ readonly kind: 'matrix'; readonly rangeSeconds?: number } & SeriesTraits)
  | { readonly kind: 'scalar'; readonly value?: number }
  | { readonly kind: 'string'; readonly value?: string }
  | { readonly kind: 'unknown' };

export const UNKNOWN: PromType = Object.freeze({ kind: 'unknown' });

export const unknownVector = (labels: Labels = UNKNOWN_LABELS): PromType => ({ kind: 'vector', labels, counter: 'unknown', buckets: 'unknown' });

/** The label set of a vector or matrix; unknown for anything else. */
export function labelsOf(t: PromType): Labels {
  return t.kind === 'vector' || t.kind === 'matrix' ? t.labels : UNKNOWN_LABELS;
}
