/** Durations of PromQL (`1h30m`, `90s`, or a bare number of seconds) in seconds, and back. */
import { parseDuration } from '../config/values/duration';

/** Seconds of a duration literal; undefined for anything else (an expression, a variable). */
export function durationSeconds(text: string): number | undefined {
  const t = text.trim();
  // PromQL also takes a plain number of seconds where a duration goes.
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const parsed = parseDuration(t);
  return 'ms' in parsed ? parsed.ms / 1000 : undefined;
}

const UNIT_SECONDS = { d: 86400, h: 3600, m: 60, s: 1 } as const;

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
