/**
 * From declared rules to the rules of one environment: components it does not run drop the rules that
 * read them, its overrides change an alert's `for`, severity or thresholds or turn it off, and every
 * alert gets its runbook link.
 */
import { AlertRule, isAlert, RecordingRule, RuleFile, Runbook, Severity, Thresholds, AlertTests, textOf, withinRange } from './rule';

/** What an environment may change about one alert. */
export interface AlertOverride {
  readonly enabled?: boolean;
  readonly for?: string;
  readonly severity?: Severity;
  readonly thresholds?: Readonly<Record<string, number>>;
}

export interface ResolveContext {
  /** Scrape jobs Prometheus has in this environment. */
  readonly jobs: ReadonlySet<string>;
  readonly overrides: Readonly<Record<string, AlertOverride>>;
  /** Runbooks live at `<runbookBaseUrl>/<AlertName>.md`. */
  readonly runbookBaseUrl: string;
}

/** An alert as it is rendered in one environment. */
export interface ResolvedAlert {
  readonly kind: 'alert';
  readonly name: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: { readonly summary: string; readonly description: string; readonly runbook_url: string };
  readonly severity: Severity;
  readonly team: string;
  readonly component: string;
  readonly thresholds: Thresholds;
  readonly runbook: Runbook;
  readonly tests: AlertTests;
  /** The file and group it was rendered in, for runbooks and error messages. */
  readonly group: string;
}

export type ResolvedRule = ResolvedAlert | RecordingRule;

export interface ResolvedGroup {
  readonly name: string;
  readonly interval?: string;
  readonly rules: readonly ResolvedRule[];
}

export interface ResolvedFile {
  readonly name: string;
  readonly groups: readonly ResolvedGroup[];
}

/** An override that names no alert or no threshold of it; `keyPath` is where in the environment file. */
export class AlertOverrideError extends Error {
  constructor(
    readonly keyPath: readonly string[],
    readonly detail: string,
  ) {
    super(`${keyPath.join('.')}: ${detail}`);
    this.name = 'AlertOverrideError';
  }
}

/** Every alert declared in the files, by name; two alerts of one name are a programming error. */
export function alertsByName(files: readonly RuleFile[]): Map<string, AlertRule<Thresholds>> {
  const byName = new Map<string, AlertRule<Thresholds>>();
  for (const file of files) {
    for (const group of file.groups) {
      for (const rule of group.rules) {
        if (!isAlert(rule)) continue;
        if (byName.has(rule.name)) throw new Error(`two alerts are named "${rule.name}": alert names must be unique in a stack`);
        byName.set(rule.name, rule);
      }
    }
  }
  return byName;
}

/** Checks every override against the declared alerts (whether or not this environment runs them). */
export function checkOverrides(files: readonly RuleFile[], overrides: Readonly<Record<string, AlertOverride>>): void {
  const known = alertsByName(files);
  for (const [name, override] of Object.entries(overrides)) {
    const rule = Object.hasOwn(overrides, name) ? known.get(name) : undefined;
    if (!rule) {
      throw new AlertOverrideError(['alerting', 'rules', name], `no alert is named "${name}"${closest(name, [...known.keys()])}; known alerts: ${[...known.keys()].sort().join(', ')}`);
    }
    for (const [threshold, value] of Object.entries(override.thresholds ?? {})) {
      const at = ['alerting', 'rules', name, 'thresholds', threshold];
      // Own names only: "__proto__" or "toString" are no threshold of any alert.
      if (!Object.hasOwn(rule.thresholds, threshold)) {
        const names = Object.keys(rule.thresholds);
        throw new AlertOverrideError(at, names.length ? `${name} has no threshold "${threshold}"; its thresholds: ${names.join(', ')}` : `${name} has no thresholds to change`);
      }
      const range = rule.ranges[threshold];
      if (!withinRange(value, range)) throw new AlertOverrideError(at, `${value} is out of range: ${threshold} is ${range.describe}`);
    }
  }
}

export function resolveFiles(files: readonly RuleFile[], ctx: ResolveContext): ResolvedFile[] {
  checkOverrides(files, ctx.overrides);
  const present = (jobs: readonly string[] = []) => jobs.every((j) => ctx.jobs.has(j));
  return files
    .map((file) => ({
      name: file.name,
      groups: file.groups
        .filter((g) => present(g.requires))
        .map((g) => ({
          name: g.name,
          ...(g.interval ? { interval: g.interval } : {}),
          rules: g.rules
            .filter((r) => present(r.requires))
            .flatMap((r): ResolvedRule[] => (isAlert(r) ? resolveAlert(r, g.name, ctx) : [r])),
        }))
        .filter((g) => g.rules.length > 0),
    }))
    .filter((f) => f.groups.length > 0);
}

function resolveAlert(rule: AlertRule<Thresholds>, group: string, ctx: ResolveContext): ResolvedAlert[] {
  const o = ctx.overrides[rule.name] ?? {};
  if (o.enabled === false) return [];
  const thresholds = { ...rule.thresholds, ...o.thresholds };
  const severity = o.severity ?? rule.severity;
  const pending = o.for ?? rule.for;
  return [
    {
      kind: 'alert',
      name: rule.name,
      expr: rule.expr(thresholds),
      ...(pending ? { for: pending } : {}),
      labels: { severity, team: rule.team, component: rule.component, ...rule.labels },
      annotations: {
        summary: textOf(rule.summary, thresholds),
        description: textOf(rule.description, thresholds),
        runbook_url: runbookUrl(ctx.runbookBaseUrl, rule.name),
      },
      severity,
      team: rule.team,
      component: rule.component,
      thresholds,
      runbook: rule.runbook,
      tests: rule.tests,
      group,
    },
  ];
}

export function runbookUrl(base: string, alertName: string): string {
  return `${base.replace(/\/+$/, '')}/${alertName}.md`;
}

function closest(name: string, known: readonly string[]): string {
  const lower = name.toLowerCase();
  const hit = known.find((k) => k.toLowerCase() === lower || k.toLowerCase().includes(lower) || lower.includes(k.toLowerCase()));
  return hit ? ` (did you mean "${hit}"?)` : '';
}

/** Alerts of resolved files, in file order. */
export function resolvedAlerts(files: readonly ResolvedFile[]): ResolvedAlert[] {
  return files.flatMap((f) => f.groups.flatMap((g) => g.rules.filter((r): r is ResolvedAlert => r.kind === 'alert')));
}

/** Recording rules of resolved files, in file order. */
export function resolvedRecords(files: readonly ResolvedFile[]): RecordingRule[] {
  return files.flatMap((f) => f.groups.flatMap((g) => g.rules.filter((r): r is RecordingRule => r.kind === 'record')));
}
