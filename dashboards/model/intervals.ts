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
  return SAMPLE_VALUES.reduce((text, [pattern, value]) => text.replace(pattern, value), expr);
}
