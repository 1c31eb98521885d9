/** Reads Prometheus rule files back: the expressions they evaluate and the series they record. */
import * as yaml from 'js-yaml';
import { ruleFileObjectRenderedAs } from '../../alerts/model/render';
import { BoundedCache } from '../../constructs/bounded-cache';
import { ExpressionUse } from './metric-coverage';

interface RuleShape {
  alert?: string;
  record?: string;
  expr?: unknown;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

interface RuleFileShape {
  groups?: { name?: string; interval?: string; rules?: RuleShape[] }[];
}

/** One rule as the checks need it. */
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
  readonly uses: ExpressionUse[];
  /** Series names created by `record:` rules. */
  readonly recorded: string[];
  readonly rules: RuleDefinition[];
}

export function readRuleFile(fileName: string, text: string): RuleFileContents {
  // Environments render many rule files alike: each distinct one is read back once.
  return readFiles.get(`${fileName}\0${text}`, () => readUncached(fileName, text));
}

const readFiles = new BoundedCache<string, RuleFileContents>(256);

function readUncached(fileName: string, text: string): RuleFileContents {
  let doc: RuleFileShape;
  try {
    // A file the rule model rendered is read from the object it was rendered from; any other is parsed.
    doc = (ruleFileObjectRenderedAs(text) ?? yaml.load(text) ?? {}) as RuleFileShape;
  } catch (e) {
    throw new Error(`rule file ${fileName}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const uses: ExpressionUse[] = [];
  const recorded: string[] = [];
  const rules: RuleDefinition[] = [];
  const groups = doc.groups ?? [];
  if (!Array.isArray(groups)) throw new Error(`rule file ${fileName}: groups must be a list of rule groups`);
  for (const group of groups) {
    if (!Array.isArray(group?.rules ?? [])) throw new Error(`rule file ${fileName}, group ${group?.name}: rules must be a list`);
    for (const rule of group.rules ?? []) {
      if (typeof rule !== 'object' || rule === null) throw new Error(`rule file ${fileName}, group ${group.name}: each rule must be a mapping (alert or record, expr)`);
      const name = rule.alert !== undefined ? `alert ${rule.alert}` : `record ${rule.record}`;
      const location = `rule file ${fileName}, group ${group.name}, ${name}`;
      const expr = String(rule.expr ?? '');
      uses.push({ location, expr });
      if (rule.record) recorded.push(rule.record);
      rules.push({
        location,
        expr,
        record: rule.record,
        alert: rule.alert,
        interval: group.interval,
        labels: strings(rule.labels),
        annotations: strings(rule.annotations),
      });
    }
  }
  return { uses, recorded, rules };
}

function strings(map: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, String(v)]));
}
