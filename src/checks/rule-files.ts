/** Reads Prometheus rule files back: the expressions they evaluate and the series they record. */
import * as yaml from 'js-yaml';
import { ruleFileObjectRenderedAs } from '../../alerts/model/render';
import { BoundedCache } from '../../constructs/bounded-cache';
import { ExpressionUse } from './metric-coverage';

interface RuleFileShape {
  groups?: { name?: string; rules?: { alert?: string; record?: string; expr?: unknown }[] }[];
}

export interface RuleFileContents {
  readonly uses: ExpressionUse[];
  /** Series names created by `record:` rules. */
  readonly recorded: string[];
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
  for (const group of doc.groups ?? []) {
    for (const rule of group.rules ?? []) {
      const name = rule.alert !== undefined ? `alert ${rule.alert}` : `record ${rule.record}`;
      uses.push({ location: `rule file ${fileName}, group ${group.name}, ${name}`, expr: String(rule.expr ?? '') });
      if (rule.record) recorded.push(rule.record);
    }
  }
  return { uses, recorded };
}
