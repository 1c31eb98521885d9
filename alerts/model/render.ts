/** Prometheus rule-file YAML from resolved rule groups: one serialization, deterministic key order. */
import { BoundedCache } from '../../constructs/bounded-cache';
import { toYaml } from '../../constructs/yaml';
import { ResolvedFile, ResolvedRule } from './resolve';

export function ruleFileObject(file: ResolvedFile): object {
  return {
    groups: file.groups.map((g) => ({
      name: g.name,
      ...(g.interval ? { interval: g.interval } : {}),
      rules: g.rules.map(ruleObject),
    })),
  };
}

function ruleObject(rule: ResolvedRule): object {
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
  const object = ruleFileObject(file);
  const text = toYaml(object);
  rendered.set(text, object);
  return text;
}

// The check reads every rule file back; for the files rendered here it need not parse the YAML again.
const rendered = new BoundedCache<string, object>(256);

/** The object a rule file text was rendered from by `renderRuleFile`, if it was. */
export function ruleFileObjectRenderedAs(text: string): object | undefined {
  return rendered.peek(text);
}

/** `system` → `system.yaml`, the name Prometheus loads it under. */
export function ruleFileName(file: { readonly name: string }): string {
  return `${file.name}.yaml`;
}
