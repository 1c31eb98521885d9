/** What rule definitions need to know about the environment they are rendered for. */
export interface RulesContext {
  /** Prometheus job of the application (env.application.job). */
  readonly applicationJob: string;
}

export const DEFAULT_RULES_CONTEXT: RulesContext = { applicationJob: 'dynamic-graph-fed-rl' };

/** A run of the same value, for promtool inputs promtool's `AxN` notation cannot express (NaN). */
export function repeat(value: string, times: number): string {
  return Array.from({ length: times }, () => value).join(' ');
}

/** Filesystems worth alerting on: real disks, not memory-backed or image layers. */
export const REAL_FILESYSTEMS = 'fstype!~"tmpfs|ramfs|overlay|squashfs|nsfs",mountpoint!=""';

/** A fraction as a percentage for alert text: 0.07 gives 7, not 7.000000000000001. */
export function percentOf(fraction: number): number {
  return Number((fraction * 100).toPrecision(12));
}
