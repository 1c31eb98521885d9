/** Grafana unit ids used by our panels, and threshold steps. */
export type Unit =
  | 'short'
  | 'none'
  | 'percent' // 0–100
  | 'percentunit' // 0–1
  | 'bytes'
  | 'decmbytes'
  | 'mbytes'
  | 'Bps'
  | 'binBps'
  | 's'
  | 'ms'
  | 'dtdurations'
  | 'reqps'
  | 'ops'
  | 'rps'
  | 'wps'
  | 'cps'
  | 'celsius'
  | 'watt'
  | 'hertz'
  | 'dateTimeFromNow';

export type Color = 'green' | 'yellow' | 'orange' | 'red' | 'blue' | 'purple' | 'text' | 'transparent';

/** A threshold step: from `value` upwards the colour applies; the first step has no lower bound. */
export interface ThresholdStep {
  readonly color: Color;
  readonly value: number | null;
}

/** `thresholds('green', [80, 'orange'], [90, 'red'])`: a base colour, then ascending steps. */
export function thresholds(base: Color, ...steps: readonly (readonly [number, Color])[]): ThresholdStep[] {
  for (let i = 1; i < steps.length; i++) {
    if (steps[i][0] <= steps[i - 1][0]) throw new Error(`thresholds: step values must ascend (${steps[i - 1][0]} then ${steps[i][0]})`);
  }
  return [{ color: base, value: null }, ...steps.map(([value, color]) => ({ color, value }))];
}

/** Text shown instead of a value (`1` → `UP`). */
export interface ValueMapping {
  readonly value: number | string;
  readonly text: string;
  readonly color?: Color;
}
