/** Prometheus durations (`1h30m`, `90s`, `500ms`, or a bare number of seconds) in seconds. */
const UNIT_SECONDS: Readonly<Record<string, number>> = { y: 365 * 86400, w: 7 * 86400, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };
const DURATION = /^(?:\d+(?:ms|[ywdhms]))+$/;

/** Seconds of a duration literal; undefined for anything else (an expression, a variable). */
export function durationSeconds(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  if (!DURATION.test(t)) return undefined;
  let total = 0;
  for (const [, n, unit] of t.matchAll(/(\d+)(ms|[ywdhms])/g)) total += Number(n) * UNIT_SECONDS[unit];
  return total;
}

/** A duration as Prometheus would write it: `2m`, `1h30m`, `45s`. */
export function formatDuration(seconds: number): string {
  if (seconds <= 0 || !Number.isFinite(seconds)) return `${seconds}s`;
  let rest = seconds;
  let out = '';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const n = Math.floor(rest / UNIT_SECONDS[unit]);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * UNIT_SECONDS[unit];
  }
  if (rest > 0) out += `${Math.round(rest * 1000)}ms`;
  return out;
}
