/**
 * Prometheus rule files as objects: built by the alerting, or parsed once from YAML an extension adds,
 * and serialized only by a renderer (a rule file for prometheus.yml's rule_files, a PrometheusRule).
 */
import * as yaml from 'js-yaml';

/** One alerting or recording rule, with whatever other fields Prometheus takes (`keep_firing_for`). */
export interface PromRule {
  readonly alert?: string;
  readonly record?: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly [field: string]: unknown;
}

export interface PromRuleGroup {
  readonly name: string;
  readonly interval?: string;
  readonly rules: readonly PromRule[];
  readonly [field: string]: unknown;
}

export interface PromRuleFile {
  readonly groups: readonly PromRuleGroup[];
}

/** An expression of a rule and where it is, for the stack's metric check. */
export interface RuleExpression {
  readonly location: string;
  readonly expr: string;
}

/** One rule as the checks need it: where it is, what it evaluates, what it records or alerts on. */
export interface RuleDefinition {
  readonly location: string;
  readonly expr: string;
  readonly record?: string;
  readonly alert?: string;
  /** The group's own evaluation interval, when it sets one. */
  readonly interval?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface RuleFileContents {
  readonly uses: RuleExpression[];
  /** Series names created by `record:` rules. */
  readonly recorded: string[];
  readonly rules: RuleDefinition[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses rule-file YAML once, refusing what Prometheus would refuse to load as rule groups. */
export function parseRuleFile(fileName: string, text: string): PromRuleFile {
  let doc: unknown;
  try {
    doc = yaml.load(text) ?? {};
  } catch (e) {
    throw new Error(`rule file ${fileName}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isObject(doc)) throw new Error(`rule file ${fileName}: must be a mapping with a "groups" list`);
  const groups = doc.groups ?? [];
  if (!Array.isArray(groups)) throw new Error(`rule file ${fileName}: "groups" must be a list`);
  groups.forEach((group: unknown, i) => {
    const at = `rule file ${fileName}, groups[${i}]`;
    if (!isObject(group) || typeof group.name !== 'string' || group.name === '') throw new Error(`${at}: a group needs a "name"`);
    if (!Array.isArray(group.rules ?? [])) throw new Error(`${at} (${group.name}): "rules" must be a list`);
    ((group.rules ?? []) as unknown[]).forEach((rule, j) => {
      const where = `${at} (${group.name}), rules[${j}]`;
      if (!isObject(rule)) throw new Error(`${where}: a rule must be a mapping`);
      if ((typeof rule.alert === 'string') === (typeof rule.record === 'string')) throw new Error(`${where}: a rule has exactly one of "alert" and "record"`);
      if (typeof rule.expr !== 'string' && typeof rule.expr !== 'number') throw new Error(`${where}: "expr" must be a PromQL expression`);
    });
  });
  return { ...doc, groups: groups.map((g: Record<string, unknown>) => ({ ...g, rules: g.rules ?? [] })) } as unknown as PromRuleFile;
}

/** The expressions a rule file evaluates and the series it records. */
export function ruleFileContents(fileName: string, file: PromRuleFile): RuleFileContents {
  const uses: RuleExpression[] = [];
  const recorded: string[] = [];
  const rules: RuleDefinition[] = [];
  for (const group of file.groups) {
    for (const rule of group.rules) {
      const name = rule.alert !== undefined ? `alert ${rule.alert}` : `record ${rule.record}`;
      const location = `rule file ${fileName}, group ${group.name}, ${name}`;
      const expr = String(rule.expr ?? '');
      uses.push({ location, expr });
      if (rule.record) recorded.push(rule.record);
      rules.push({ location, expr, record: rule.record, alert: rule.alert, interval: group.interval, labels: strings(rule.labels), annotations: strings(rule.annotations) });
    }
  }
  return { uses, recorded, rules };
}

/** Label and annotation values as Prometheus reads them: strings, whatever YAML made of them. */
function strings(map: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, String(v)]));
}
