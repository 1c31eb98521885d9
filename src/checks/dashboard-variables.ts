/**
 * A dashboard's query variables name a label whose values fill a drop-down: Prometheus'
 * `label_values(<selector>, <label>)` and Loki's label-values query. Read from the rendered JSON, so
 * a dashboard an extension adds is seen the same way.
 */
import { IDashboard } from '../../constructs';
import { sampleIntervals } from '../../dashboards/model';
import { dashboardDocument } from './dashboard-json';

export interface LabelValuesVariable {
  /** `dashboard "Hosts" (uid hosts), variable "instance"`. */
  readonly location: string;
  readonly datasource: 'prometheus' | 'loki';
  /** The series whose label values are listed, other variables in it replaced as in panels; absent when any series will do. */
  readonly selector?: string;
  /** Where in `selector` other variables stood (`label_values($metric, instance)`). */
  readonly variableSpans?: readonly (readonly [number, number])[];
  readonly label: string;
  /** The query as Grafana shows it. */
  readonly definition: string;
}

interface VariableShape {
  readonly name?: string;
  readonly type?: string;
  readonly datasource?: { readonly type?: string } | string | null;
  readonly definition?: string;
  readonly query?: string | { readonly query?: string; readonly label?: string; readonly stream?: string };
}

const LABEL_VALUES = /^\s*label_values\(\s*(?:(.+?)\s*,\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$/s;

export function labelValuesVariables(dashboard: IDashboard): LabelValuesVariable[] {
  const out: LabelValuesVariable[] = [];
  for (const v of variablesOf(dashboard.json)) {
    if (v.type !== 'query' || typeof v.datasource !== 'object' || !v.datasource) continue;
    const type = v.datasource.type;
    const location = `dashboard "${dashboard.title}" (uid ${dashboard.uid}), variable "${v.name}"`;
    const text = typeof v.query === 'string' ? v.query : (v.query?.query ?? v.definition ?? '');
    if (type === 'prometheus') {
      const m = LABEL_VALUES.exec(text);
      const sampled = m?.[1] ? sampleIntervals(m[1]) : undefined;
      if (m) out.push({ location, datasource: 'prometheus', selector: sampled?.text, variableSpans: sampled?.spans, label: m[2], definition: text });
    } else if (type === 'loki' && typeof v.query === 'object' && v.query.label) {
      const sampled = v.query.stream ? sampleIntervals(v.query.stream) : undefined;
      out.push({ location, datasource: 'loki', selector: sampled?.text, variableSpans: sampled?.spans, label: v.query.label, definition: v.definition ?? `label_values(${v.query.label})` });
    }
  }
  return out;
}

/** The variables of a dashboard's JSON: only a list of objects is read. */
function variablesOf(json: string): readonly VariableShape[] {
  const list = (dashboardDocument(json)?.templating as { list?: unknown } | undefined)?.list;
  return Array.isArray(list) ? list.filter((v): v is VariableShape => typeof v === 'object' && v !== null) : [];
}
