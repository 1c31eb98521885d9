/**
 * Grafana's interval variables. `$__rate_interval` is what rate() windows should use: at least four
 * scrape intervals and never shorter than a graph step, so no sample falls between windows.
 */
export const RATE = '$__rate_interval';
/** Loki's automatic step for count_over_time and friends. */
export const AUTO = '$__auto';

/** Values to stand in for Grafana's built-in variables, so a query can be parsed and checked as written. */
const SAMPLE_VALUES: readonly (readonly [RegExp, string])[] = [
  [/\$\{?__rate_interval\}?/g, '2m'],
  [/\$\{?__interval\}?/g, '1m'],
  [/\$\{?__auto\}?/g, '1m'],
  [/\$\{?__range\}?/g, '6h'],
];

/** Made once, not per query: every dashboard query of every environment passes them. */
const ANY_VARIABLE = new RegExp(SAMPLE_VALUES.map(([p]) => p.source).join('|'), 'g');
const WHOLE_VARIABLE: readonly (readonly [RegExp, string])[] = SAMPLE_VALUES.map(([p, value]) => [new RegExp(`^(?:${p.source})$`), value]);

/** The query with Grafana's interval variables replaced by sample durations. */
export function withSampleIntervals(expr: string): string {
  return sampleIntervals(expr).text;
}

/**
 * The query with Grafana's interval variables replaced, and where in the result each replacement
 * stands (`[from, to)`), so a check of window lengths can leave Grafana's own choices alone.
 */
export function sampleIntervals(expr: string): { text: string; spans: [number, number][] } {
  const spans: [number, number][] = [];
  let text = '';
  let last = 0;
  // matchAll works on a copy of the pattern: the shared one keeps no position between calls.
  for (const m of expr.matchAll(ANY_VARIABLE)) {
    const value = WHOLE_VARIABLE.find(([p]) => p.test(m[0]))![1];
    text += expr.slice(last, m.index);
    spans.push([text.length, text.length + value.length]);
    text += value;
    last = m.index! + m[0].length;
  }
  return { text: text + expr.slice(last), spans };
}
