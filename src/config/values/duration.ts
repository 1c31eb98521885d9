/**
 * Durations as Prometheus and Alertmanager read them (prometheus/common `model.ParseDuration`): a
 * number and a unit per part, units from the largest to the smallest — y w d h m s ms — each at most
 * once; `0` alone needs no unit; the whole must fit a Go time.Duration (about 292 years). A year is
 * 365 days, a week 7. test/config/duration.test.ts holds this parser to promtool and amtool.
 */

const MS_PER: Readonly<Record<string, number>> = {
  y: 365 * 24 * 3600 * 1000,
  w: 7 * 24 * 3600 * 1000,
  d: 24 * 3600 * 1000,
  h: 3600 * 1000,
  m: 60 * 1000,
  s: 1000,
  ms: 1,
};
const GRAMMAR = /^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$/;
const UNITS = ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as const;
/** Go's time.Duration: int64 nanoseconds. */
const MAX_NANOSECONDS = 2n ** 63n - 1n;

export type DurationResult = { readonly ms: number } | { readonly problem: string };

export function parseDuration(text: string): DurationResult {
  if (text === '0') return { ms: 0 };
  if (text === '') return { problem: 'an empty duration' };
  const m = GRAMMAR.exec(text);
  if (!m) {
    return { problem: `"${text}" is not a duration: a number and a unit per part, units from the largest to the smallest (y w d h m s ms), each at most once, e.g. 1h30m` };
  }
  let nanoseconds = 0n;
  UNITS.forEach((unit, i) => {
    if (m[i + 1] !== undefined) nanoseconds += BigInt(m[i + 1]) * BigInt(MS_PER[unit]) * 1_000_000n;
  });
  if (nanoseconds > MAX_NANOSECONDS) return { problem: `"${text}" is out of range: Prometheus takes at most about 292 years (292y)` };
  return { ms: Number(nanoseconds / 1_000_000n) };
}

/** A duration within bounds, in milliseconds; `problem` says what is wrong. */
export interface DurationBounds {
  readonly min: number;
  readonly max: number;
  /** Only whole multiples of this (Loki's daily tables). */
  readonly multipleOf?: number;
}

export function checkDuration(text: string, bounds: DurationBounds): string | undefined {
  const parsed = parseDuration(text);
  if ('problem' in parsed) return parsed.problem;
  if (parsed.ms < bounds.min) return `${text} is too short: at least ${formatDuration(bounds.min)}`;
  if (parsed.ms > bounds.max) return `${text} is too long: at most ${formatDuration(bounds.max)}`;
  if (bounds.multipleOf && parsed.ms % bounds.multipleOf !== 0) return `${text} must be a whole number of ${formatDuration(bounds.multipleOf)} (e.g. ${formatDuration(Math.max(bounds.multipleOf, Math.ceil(parsed.ms / bounds.multipleOf) * bounds.multipleOf))})`;
  return undefined;
}

/** Milliseconds in Prometheus' notation, largest units first: 90000 → 1m30s. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const unit of UNITS) {
    const n = Math.floor(rest / MS_PER[unit]);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * MS_PER[unit];
    }
  }
  return out;
}

export const DURATION_MS = MS_PER;
