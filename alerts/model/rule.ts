/**
 * The typed model of alerting and recording rules. Rule groups are plain data: the renderer turns
 * them into Prometheus rule files, the runbook writer into Markdown, the test writer into promtool
 * test cases, all from the same definition.
 */

export type Severity = 'critical' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

/** Named numbers an alert's expression and text are built from; environments may override them. */
export type Thresholds = Readonly<Record<string, number>>;

/** The values a threshold can take: an environment's override outside it is refused. */
export interface ThresholdRange {
  readonly min: number;
  readonly max: number;
  /** min itself is not a valid value (a rate of 0 never fires). @default false */
  readonly aboveMin?: boolean;
  /** Whole numbers only (a count of agents). @default false */
  readonly integer?: boolean;
  /** What the number is, for the refusal: "a percentage, 0 to 100". */
  readonly describe: string;
}

/** A threshold as an alert declares it: its default and its range. */
export interface Threshold {
  readonly value: number;
  readonly range: ThresholdRange;
}

const declareRange = (range: ThresholdRange) => (value: number): Threshold => {
  if (!withinRange(value, range)) throw new Error(`threshold default ${value} is outside its own range (${range.describe})`);
  return { value, range };
};

/** 0 to 100. */
export const percent = declareRange({ min: 0, max: 100, describe: 'a percentage, 0 to 100' });
/** 0 to 1. */
export const fraction = declareRange({ min: 0, max: 1, describe: 'a fraction, 0 to 1' });
/** Greater than 0 (seconds, hours, rates, factors). */
export const positive = declareRange({ min: 0, max: Number.MAX_VALUE, aboveMin: true, describe: 'a number greater than 0' });
/** 0 or more. */
export const nonNegative = declareRange({ min: 0, max: Number.MAX_VALUE, describe: 'a number, 0 or more' });
/** A whole number, 1 or more. */
export const count = declareRange({ min: 1, max: Number.MAX_SAFE_INTEGER, integer: true, describe: 'a whole number, 1 or more' });
/** A factor of growth: 1 or more. */
export const factor = declareRange({ min: 1, max: Number.MAX_VALUE, describe: 'a factor, 1 or more' });
/** Any finite number (a reward may be negative). */
export const anyNumber = declareRange({ min: -Number.MAX_VALUE, max: Number.MAX_VALUE, describe: 'a finite number' });
/** Within explicit bounds, e.g. a temperature. */
export const between = (min: number, max: number, unit: string) => declareRange({ min, max, describe: `${unit}, ${min} to ${max}` });

export function withinRange(value: number, range: ThresholdRange): boolean {
  if (!Number.isFinite(value) || value < range.min || value > range.max) return false;
  if (range.aboveMin && value === range.min) return false;
  return !range.integer || Number.isInteger(value);
}

/** What an on-call engineer reads: the alert's runbook. */
export interface Runbook {
  /** What people notice when the alert fires. */
  readonly symptoms: string;
  readonly investigation: readonly string[];
  readonly resolution: readonly string[];
}

/** One input series of a promtool test, in promtool's expanding notation (`0+1x60`). */
export interface TestSeries {
  readonly series: string;
  readonly values: string;
}

/** A case where the alert fires: the input, when to look, and what the firing alert carries. */
export interface FiringCase {
  readonly series: readonly TestSeries[];
  /** Evaluation time as a promtool duration, e.g. `45m`. */
  readonly at: string;
  /** Labels the expression keeps from the input (job, instance, …), besides the alert's own labels. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Expanded text of templated annotations (required when the template holds `{{`). */
  readonly summary?: string;
  readonly description?: string;
}

/** A case where the alert stays quiet. */
export interface QuietCase {
  readonly series: readonly TestSeries[];
  readonly at: string;
}

export interface AlertTests {
  readonly fires: FiringCase;
  /** A case that keeps the alert quiet, or why none can exist (the Watchdog always fires). */
  readonly quiet: QuietCase | { readonly impossible: string };
}

/** Text that may use the alert's thresholds. */
export type Text<T extends Thresholds> = string | ((t: T) => string);

export interface AlertRule<T extends Thresholds = Thresholds> {
  readonly kind: 'alert';
  /** The alertname: UpperCamelCase, unique in the stack. */
  readonly name: string;
  /** PromQL built from the thresholds. */
  readonly expr: (t: T) => string;
  /** @default no pending period: fires on the first evaluation that matches */
  readonly for?: string;
  readonly severity: Severity;
  /** Who is woken: `ml`, `infrastructure`, `security`, … (routing decides where each team's alerts go). */
  readonly team: string;
  /** What is broken: `training`, `federation`, `host`, `database`, … */
  readonly component: string;
  /** Extra labels beyond severity, team and component. */
  readonly labels?: Readonly<Record<string, string>>;
  /** One line; may use Prometheus templates ({{ $labels.instance }}, {{ $value }}). */
  readonly summary: Text<T>;
  readonly description: Text<T>;
  readonly runbook: Runbook;
  /** Default values, by name. */
  readonly thresholds: T;
  /** The range of each threshold, by name. */
  readonly ranges: { readonly [K in keyof T]: ThresholdRange };
  /** Scrape jobs whose series the alert reads: without them in the environment it is left out. */
  readonly requires?: readonly string[];
  readonly tests: AlertTests;
}

export interface RecordingRule {
  readonly kind: 'record';
  /** `level:metric:operations` (or the `slo:` names of the SLO contract). */
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** @default the group's */
  readonly requires?: readonly string[];
}

export type Rule = AlertRule<Thresholds> | RecordingRule;

export interface RuleGroup {
  /** Prometheus group name, unique in the stack. */
  readonly name: string;
  /** @default Prometheus' evaluation interval */
  readonly interval?: string;
  /** Scrape jobs every rule of the group reads. */
  readonly requires?: readonly string[];
  readonly rules: readonly Rule[];
}

/** A rule file: the groups of one concern (system, training, …). */
export interface RuleFile {
  /** File name stem: `system` becomes `system.yaml`. */
  readonly name: string;
  readonly groups: readonly RuleGroup[];
}

/** An alert as declared: each threshold with its range (`percent(90)`, `fraction(0.4)`, …). */
export type AlertDeclaration<K extends string> = Omit<AlertRule<Record<K, number>>, 'kind' | 'thresholds' | 'ranges'> & {
  readonly thresholds: Readonly<Record<K, Threshold>>;
};

/**
 * Declares an alert; the type parameter ties the expression's and texts' threshold names to the
 * `thresholds` object, so a misspelt name does not compile.
 */
export function alert<K extends string = never>(rule: AlertDeclaration<K>): AlertRule<Thresholds> {
  const entries = Object.entries(rule.thresholds) as [string, Threshold][];
  for (const [name, t] of entries) {
    if (typeof t !== 'object' || t === null || typeof t.value !== 'number' || !t.range) {
      throw new Error(`alert ${rule.name}: threshold ${name} must declare its range, e.g. percent(90), fraction(0.5), positive(2) (alerts/model/rule.ts)`);
    }
  }
  return {
    kind: 'alert',
    ...rule,
    thresholds: Object.fromEntries(entries.map(([name, t]) => [name, t.value])),
    ranges: Object.fromEntries(entries.map(([name, t]) => [name, t.range])),
  } as unknown as AlertRule<Thresholds>;
}

export function record(record: string, expr: string, extra: Omit<RecordingRule, 'kind' | 'record' | 'expr'> = {}): RecordingRule {
  return { kind: 'record', record, expr, ...extra };
}

/** A test input series. */
export function series(selector: string, values: string): TestSeries {
  return { series: selector, values };
}

export function isAlert(rule: Rule): rule is AlertRule<Thresholds> {
  return rule.kind === 'alert';
}

export function textOf<T extends Thresholds>(text: Text<T>, thresholds: T): string {
  return typeof text === 'function' ? text(thresholds) : text;
}
