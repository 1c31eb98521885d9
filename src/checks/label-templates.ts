/**
 * Label names written in templates: `{{ $labels.x }}` (or `index $labels "x"`) in an alert's
 * annotations and labels, `{{x}}` in a dashboard legend. Each must be a label of the series the
 * expression returns, or the text renders empty.
 */
import { suggestName } from '../promql/suggest';
import { lacksLabel, Labels } from '../promql/types';

/** Label names an alert template reads from `$labels`. */
export function alertTemplateLabels(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(/\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)/g)) names.add(m[1]);
  for (const m of template.matchAll(/index\s+\$labels\s+"([^"]+)"/g)) names.add(m[1]);
  return [...names];
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
        `(it has ${carried.length ? carried.join(', ') : 'no labels'})${near ? `: did you mean "${near}"?` : ''}`,
    );
  }
  return problems;
}
