/**
 * The queries of a dashboard, for the checks. A dashboard built with the dashboard model lists them
 * (`queries`); one added as Grafana JSON alone (exported from a Grafana, say) is read from its panels,
 * so it is checked the same way rather than not at all.
 */
import { DashboardQuery, IDashboard } from '../../constructs';
import { BoundedCache } from '../../constructs/bounded-cache';
import { DATASOURCE_NAMES, DATASOURCE_UIDS, sampleIntervals } from '../../dashboards/model';
import { dashboardDocument } from './dashboard-json';

type DatasourceRef = { readonly type?: string; readonly uid?: string } | string | null | undefined;

interface PanelShape {
  readonly title?: string;
  readonly datasource?: DatasourceRef;
  readonly targets?: readonly { readonly expr?: unknown; readonly legendFormat?: unknown; readonly datasource?: DatasourceRef; readonly hide?: boolean }[];
  readonly panels?: readonly PanelShape[];
}

interface DashboardShape {
  readonly panels?: readonly PanelShape[];
  readonly rows?: readonly { readonly panels?: readonly PanelShape[] }[];
  readonly templating?: { readonly list?: readonly { readonly type?: string; readonly name?: string; readonly query?: unknown }[] };
}

/** The checked datasources: the stack's Prometheus and Loki, by the uid and the name they are provisioned with. */
const CHECKED = ['prometheus', 'loki'] as const;

export function dashboardQueries(dashboard: IDashboard): readonly DashboardQuery[] {
  return dashboard.queries ?? queriesOfJson.get(dashboard.json, () => Object.freeze(readQueries(dashboard.json)));
}

const queriesOfJson = new BoundedCache<string, readonly DashboardQuery[]>(256);

/** Each query of one of the stack's datasources, with where it is (`dashboard "…" (uid …), panel "…"`). */
export function datasourceQueries(dashboards: readonly IDashboard[], datasource: string): { readonly query: DashboardQuery; readonly location: string }[] {
  return dashboards.flatMap((d) =>
    dashboardQueries(d)
      .filter((query) => query.datasource === datasource)
      .map((query) => ({ query, location: `dashboard "${d.title}" (uid ${d.uid}), panel "${query.panel}"` })),
  );
}

function readQueries(json: string): DashboardQuery[] {
  const doc = dashboardDocument(json) as DashboardShape | undefined;
  if (!doc) return [];
  const variables = new Map<string, string>();
  const list = Array.isArray(doc.templating?.list) ? doc.templating.list : [];
  for (const v of list) if (v && v.type === 'datasource' && v.name && typeof v.query === 'string') variables.set(v.name, v.query);
  const out: DashboardQuery[] = [];
  const visit = (panels: readonly PanelShape[] | undefined) => {
    for (const panel of Array.isArray(panels) ? panels : []) {
      if (!panel || typeof panel !== 'object') continue;
      visit(panel.panels);
      for (const target of Array.isArray(panel.targets) ? panel.targets : []) {
        if (!target || typeof target.expr !== 'string' || target.hide === true) continue;
        const datasource = stackDatasource(target.datasource ?? panel.datasource, variables);
        if (!datasource) continue;
        const { text, spans } = sampleIntervals(target.expr);
        const legend = typeof target.legendFormat === 'string' && target.legendFormat !== '' ? target.legendFormat : undefined;
        out.push({ panel: panel.title ?? '(untitled)', datasource, expr: text, intervalSpans: spans, ...(legend ? { legend } : {}) });
      }
    }
  };
  visit(doc.panels);
  for (const row of Array.isArray(doc.rows) ? doc.rows : []) visit(row?.panels);
  return out;
}

/**
 * The uid of the stack's Prometheus or Loki a reference names (by uid, by name, or through a datasource
 * variable of that type); undefined for any other datasource, such as a second Prometheus an extension
 * added, whose series are not known here.
 */
function stackDatasource(ref: DatasourceRef, variables: ReadonlyMap<string, string>): string | undefined {
  if (ref === null || ref === undefined) return undefined;
  const uid = typeof ref === 'string' ? ref : ref.uid;
  if (typeof uid !== 'string') return undefined;
  const variable = /^\$\{?(\w+)(?::\w+)?\}?$/.exec(uid)?.[1];
  for (const type of CHECKED) {
    if (variable !== undefined ? variables.get(variable) === type : uid === DATASOURCE_UIDS[type] || uid === DATASOURCE_NAMES[type]) return DATASOURCE_UIDS[type];
  }
  return undefined;
}
