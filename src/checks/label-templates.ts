/**
 * Label names written in templates: `{{ $labels.x }}` (or `index $labels "x"`) in an alert's
 * annotations and labels, `{{x}}` in a dashboard legend. Each must be a label of the series the
 * expression returns, or the text renders empty.
 */
import { suggestName } from '../promql/suggest';
import { lacksLabel, Labels } from '../promql/types';

/** Label names an alert template reads from `$labels`, or from `.Labels` where the dot is the alert. */
export function alertTemplateLabels(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(/\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)/g)) names.add(m[1]);
  for (const m of template.matchAll(/index\s+\$labels\s+"([^"]+)"/g)) names.add(m[1]);
  for (const action of dotActions(template)) {
    for (const m of action.matchAll(/(?<![\w$)\]])\.Labels\.([a-zA-Z_][a-zA-Z0-9_]*)/g)) names.add(m[1]);
    for (const m of action.matchAll(/index\s+\.Labels\s+"([^"]+)"/g)) names.add(m[1]);
  }
  return [...names];
}

/**
 * The actions of a template in which the dot is still the alert: inside `range` and `with` (and a
 * `define`d template) it is whatever they iterate over, a query's samples say, whose `.Labels` are theirs.
 */
function dotActions(template: string): string[] {
  const out: string[] = [];
  const blocks: boolean[] = [];
  for (const m of template.matchAll(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g)) {
    const body = m[1];
    const keyword = /^(range|with|define|block|if|end)\b/.exec(body)?.[1];
    if (keyword === 'end') {
      blocks.pop();
      continue;
    }
    // A block's own pipeline is evaluated before the dot changes.
    if (!blocks.includes(true)) out.push(body);
    if (keyword === 'if') blocks.push(false);
    else if (keyword) blocks.push(true);
  }
  return out;
}

/**
 * PromQL an alert template runs: `query "expr"` and `printf "expr{job=%q}" $labels.job | query`, with
 * the printf verbs filled by sample values (`%q` a quoted string, `%s`/`%v` a bare word, `%d` a number)
 * so that the expression parses and can be checked like any other.
 */
export function templateQueries(template: string): string[] {
  const out: string[] = [];
  // Go strings: "…" with escapes, or `…` raw (which spares a query's quotes their backslashes).
  for (const m of template.matchAll(/\bquery\s+(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`)/g)) out.push(m[2] ?? goString(m[1]));
  for (const m of template.matchAll(/\bprintf\s+(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`)[^|}]*\|\s*query\b/g)) {
    out.push((m[2] ?? goString(m[1])).replace(/%q/g, '"x"').replace(/%[sv]/g, 'x').replace(/%d/g, '0').replace(/%%/g, '%'));
  }
  return out;
}

function goString(body: string): string {
  return body.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** Label names a Grafana legend (`{{instance}} {{ job }}`) prints. */
export function legendLabels(legend: string): string[] {
  const names = new Set<string>();
  for (const m of legend.matchAll(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g)) names.add(m[1]);
  return [...names];
}

/** Problems of the labels a template names that the result (with `labels`) lacks. */
export function missingTemplateLabels(names: readonly string[], labels: Labels, where: string): string[] {
  const problems: string[] = [];
  for (const name of names) {
    if (name === '__name__' || !lacksLabel(labels, name)) continue;
    const carried = [...labels.names].filter((l) => l !== '__name__').sort();
    const near = suggestName(name, carried);
    problems.push(
      `${where} prints label "${name}", which the expression's result does not carry ` +
        `(it has ${carried.length ? carried.join(', ') : 'no labels'})${near ? `: did you mean "${near}"?` : ': print one it has, or keep this one in the expression\'s grouping'}`,
    );
  }
  return problems;
}
