/** Prometheus rule-file YAML from resolved rule groups: one serialization, deterministic key order. */
import { toYaml } from '../../constructs/yaml';
import { PromRule, PromRuleFile } from '../../constructs/rule-file';
import { ResolvedFile, ResolvedRule } from './resolve';

export function ruleFileObject(file: ResolvedFile): PromRuleFile {
  return {
    groups: file.groups.map((g) => ({
      name: g.name,
      ...(g.interval ? { interval: g.interval } : {}),
      rules: g.rules.map(ruleObject),
    })),
  };
}

function ruleObject(rule: ResolvedRule): PromRule {
  if (rule.kind === 'record') {
    return { record: rule.record, expr: rule.expr, ...(rule.labels && Object.keys(rule.labels).length ? { labels: rule.labels } : {}) };
  }
  return {
    alert: rule.name,
    expr: rule.expr,
    ...(rule.for ? { for: rule.for } : {}),
    labels: rule.labels,
    annotations: rule.annotations,
  };
}

export function renderRuleFile(file: ResolvedFile): string {
  return toYaml(ruleFileObject(file));
}

/** `system` → `system.yaml`, the name Prometheus loads it under. */
export function ruleFileName(file: { readonly name: string }): string {
  return `${file.name}.yaml`;
}
