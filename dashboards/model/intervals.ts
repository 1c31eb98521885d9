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

/** The query with Grafana's interval variables replaced by sample durations. */
export function withSampleIntervals(expr: string): string {
  return sampleIntervals(expr).text;
}

/**
 * The query with Grafana's interval variables replaced, and where in the result each replacement
 * stands (`[from, to)`), so a check of window lengths can leave Grafana's own choices alone.
 */
export function sampleIntervals(expr: string): { text: string; spans: [number, number][] } {
  const pattern = new RegExp(SAMPLE_VALUES.map(([p]) => p.source).join('|'), 'g');
  const spans: [number, number][] = [];
  let text = '';
  let last = 0;
  for (const m of expr.matchAll(pattern)) {
    const value = SAMPLE_VALUES.find(([p]) => new RegExp(`^(?:${p.source})$`).test(m[0]))![1];
    text += expr.slice(last, m.index);
    spans.push([text.length, text.length + value.length]);
    text += value;
    last = m.index! + m[0].length;
  }
  return { text: text + expr.slice(last), spans };
}
