/**
 * Every series the stack's recording rules produce, for dashboards (and the synth-time check) to rely
 * on. Derived from the rule definitions, so it cannot fall out of step with them.
 */
import { builtinRuleFiles } from './builtin';
import { DEFAULT_RULES_CONTEXT } from './context';
import { RuleFile } from './model/rule';

export function recordedSeries(files: readonly RuleFile[]): string[] {
  const names = files.flatMap((f) => f.groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === 'record' ? [r.record] : []))));
  return [...new Set(names)].sort();
}

export const RECORDED_SERIES: readonly string[] = Object.freeze(recordedSeries(builtinRuleFiles(DEFAULT_RULES_CONTEXT)));
