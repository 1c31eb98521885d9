/** Prometheus rule files: every rule's expression parses as PromQL. */
import { parsePromql } from '../promql/parse';
import { isObject, Obj } from './output';
import { jsonPath, Problem } from './problem';

/** A parsed YAML document is a rule file when it has `groups` of `rules`. */
export function isRuleFile(doc: unknown): doc is { groups: Obj[] } {
  return isObject(doc) && Array.isArray(doc.groups) && doc.groups.every((g) => isObject(g) && (g.rules === undefined || Array.isArray(g.rules)));
}

export function checkRuleFile(doc: { groups: Obj[] }, location: { file: string; object?: string; base?: (string | number)[] }): Problem[] {
  const problems: Problem[] = [];
  const base = location.base ?? [];
  doc.groups.forEach((group, g) => {
    ((group.rules ?? []) as Obj[]).forEach((rule, r) => {
      const name = rule.alert ?? rule.record ?? `#${r + 1}`;
      const at = [...base, 'groups', g, 'rules', r, 'expr'];
      const object = [location.object, `group "${group.name}" rule "${name}"`].filter(Boolean).join(' ');
      if (typeof rule.expr !== 'string' && typeof rule.expr !== 'number') {
        problems.push({ file: location.file, object, path: jsonPath(at), check: 'promql', message: 'has no expression' });
        return;
      }
      for (const p of parsePromql(String(rule.expr)).problems) problems.push({ file: location.file, object, path: jsonPath(at), check: 'promql', message: p.message });
    });
  });
  return problems;
}
