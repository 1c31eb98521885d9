/**
 * Renders a dashboard definition to the JSON Grafana provisions from a file. Everything is derived
 * from the definition: the uid from the title, panel ids in reading order, positions from the layout,
 * so the same definition renders the same bytes.
 */
import { DATASOURCE_NAMES, DATASOURCE_UIDS, DatasourceType } from './datasources';
import { Dashboard, DashboardContext, DashboardLink, Row } from './dashboard';
import { sampleIntervals } from './intervals';
import { layOut, GridPos } from './layout';
import { DEFAULT_SIZE, Panel } from './panels';
import { Target, targetText } from './targets';
import { checkUid, uidFromTitle } from './uid';
import { ThresholdStep, ValueMapping } from './units';
import { Variable } from './variables';

/** Grafana 13's dashboard schema version (the backend's LATEST_VERSION). */
export const SCHEMA_VERSION = 42;

/** One query of a rendered dashboard: the shape constructs/grafana.ts' IDashboard.queries takes. */
export interface RenderedQuery {
  readonly panel: string;
  /** Uid of the datasource it runs on (a datasource variable resolved to its default). */
  readonly datasource: string;
  /** The query, Grafana's interval variables replaced by sample durations so that it parses. */
  readonly expr: string;
  /** Where in `expr` Grafana's interval variables stood. */
  readonly intervalSpans: readonly (readonly [number, number])[];
  /** The legend template (`{{label}}`), when the target has one. */
  readonly legend?: string;
}

export interface RenderedDashboard {
  readonly uid: string;
  readonly title: string;
  readonly json: string;
  readonly queries: readonly RenderedQuery[];
}

/** Whether an environment has what a dashboard, row or panel needs. */
export function satisfied(requires: readonly string[] | undefined, context: DashboardContext): boolean {
  return (requires ?? []).every((job) => context.jobs.has(job));
}

export function renderDashboard(def: Dashboard, context: DashboardContext): RenderedDashboard {
  const uid = checkUid(def.uid ?? uidFromTitle(def.title), def.title);
  const variables = def.variables ?? [];
  const dsRef = datasourceRefs(variables);
  const rows = def.rows
    .filter((row) => satisfied(row.requires, context))
    .map((row) => ({ ...row, panels: row.panels.filter((p) => satisfied(p.requires, context)) }))
    .filter((row) => row.panels.length > 0);
  checkUniqueTitles(def.title, rows);

  const placed = layOut(
    rows.map((row) => ({
      titled: row.title !== undefined,
      items: row.panels.map((panel) => ({ panel, width: panel.width ?? DEFAULT_SIZE[panel.kind].width, height: panel.height ?? DEFAULT_SIZE[panel.kind].height })),
    })),
  );

  let nextId = 1;
  const panels: object[] = [];
  const queries: RenderedQuery[] = [];
  placed.forEach((row, i) => {
    if (row.header) panels.push({ id: nextId++, type: 'row', title: rows[i].title, collapsed: false, gridPos: row.header, panels: [] });
    for (const { item, gridPos } of row.items) {
      panels.push(renderPanel(item.panel, nextId++, gridPos, dsRef));
      for (const target of item.panel.targets) {
        const { text, spans } = sampleIntervals(targetText(target));
        const legend = 'legend' in target ? target.legend : undefined;
        queries.push({ panel: item.panel.title, datasource: DATASOURCE_UIDS[target.datasource], expr: text, intervalSpans: spans, ...(legend ? { legend } : {}) });
      }
    }
  });

  const json = {
    uid,
    title: def.title,
    description: def.description,
    tags: [...def.tags],
    editable: false,
    graphTooltip: 1,
    timezone: 'browser',
    time: { from: def.from ?? 'now-6h', to: 'now' },
    refresh: def.refresh ?? '1m',
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    fiscalYearStartMonth: 0,
    liveNow: false,
    weekStart: '',
    annotations: { list: [builtInAnnotations()] },
    links: (def.links ?? []).map(renderLink),
    templating: { list: variables.map((v) => renderVariable(v, dsRef)) },
    panels,
  };
  return { uid, title: def.title, json: `${JSON.stringify(json, null, 2)}\n`, queries };
}

type DatasourceRefs = (type: DatasourceType) => { type: DatasourceType; uid: string };

/** Targets use a datasource variable of their type when the dashboard has one, the fixed uid otherwise. */
function datasourceRefs(variables: readonly Variable[]): DatasourceRefs {
  return (type) => {
    const v = variables.find((x) => x.kind === 'datasource' && x.type === type);
    return { type, uid: v ? `\${${v.name}}` : DATASOURCE_UIDS[type] };
  };
}

function checkUniqueTitles(dashboard: string, rows: readonly Row[]): void {
  const titles = rows.flatMap((r) => r.panels.map((p) => p.title));
  const twice = titles.find((t, i) => titles.indexOf(t) !== i);
  if (twice) throw new Error(`dashboard "${dashboard}": two panels are titled "${twice}"; titles name panels in checks and must be unique`);
}

function builtInAnnotations(): object {
  return {
    builtIn: 1,
    datasource: { type: 'grafana', uid: '-- Grafana --' },
    enable: true,
    hide: true,
    iconColor: 'rgba(0, 211, 255, 1)',
    name: 'Annotations & Alerts',
    type: 'dashboard',
  };
}

function renderLink(link: DashboardLink): object {
  return link.kind === 'tag'
    ? { title: link.title, type: 'dashboards', tags: [link.tag], asDropdown: true, includeVars: false, keepTime: true, icon: 'external link', targetBlank: false, tooltip: '', url: '' }
    : { title: link.title, type: 'link', url: link.url, tooltip: link.tooltip ?? '', icon: 'external link', asDropdown: false, includeVars: false, keepTime: true, targetBlank: true, tags: [] };
}

function renderTarget(target: Target, refId: string, ds: DatasourceRefs, instantByDefault: boolean): object {
  const datasource = ds(target.datasource);
  switch (target.datasource) {
    case 'prometheus': {
      const instant = target.instant ?? instantByDefault;
      return {
        refId,
        datasource,
        editorMode: 'code',
        expr: target.expr,
        legendFormat: target.legend ?? '__auto',
        range: !instant,
        instant,
        format: target.format ?? (instantByDefault ? 'table' : 'time_series'),
      };
    }
    case 'loki':
      return { refId, datasource, editorMode: 'code', expr: target.expr, legendFormat: target.legend ?? '', queryType: 'range', maxLines: target.maxLines ?? 1000 };
    case 'jaeger':
      return target.traceId !== undefined
        ? { refId, datasource, query: target.traceId }
        : { refId, datasource, queryType: 'search', service: target.search?.service, operation: target.search?.operation, limit: target.search?.limit ?? 20 };
  }
}

function fieldDefaults(panel: Panel): object {
  if (panel.kind === 'logs' || panel.kind === 'traces') return {};
  return {
    unit: panel.unit ?? 'short',
    ...(panel.decimals !== undefined ? { decimals: panel.decimals } : {}),
    ...(panel.min !== undefined ? { min: panel.min } : {}),
    ...(panel.max !== undefined ? { max: panel.max } : {}),
    thresholds: { mode: 'absolute', steps: (panel.thresholds ?? [{ color: 'green', value: null }]).map((s: ThresholdStep) => ({ color: s.color, value: s.value })) },
    mappings: (panel.mappings ?? []).length > 0 ? [renderMappings(panel.mappings ?? [])] : [],
    color: { mode: panel.kind === 'timeseries' ? 'palette-classic' : 'thresholds' },
  };
}

function renderMappings(mappings: readonly ValueMapping[]): object {
  return {
    type: 'value',
    options: Object.fromEntries(mappings.map((m, index) => [String(m.value), { text: m.text, index, ...(m.color ? { color: m.color } : {}) }])),
  };
}

const REDUCE_LAST = { calcs: ['lastNotNull'], fields: '', values: false };

function renderPanel(panel: Panel, id: number, gridPos: GridPos, ds: DatasourceRefs): object {
  const refIds = (i: number) => String.fromCharCode(65 + i);
  if (panel.targets.length > 26) throw new Error(`panel "${panel.title}": at most 26 targets`);
  const types = [...new Set(panel.targets.map((t) => t.datasource))];
  const datasource = types.length === 1 ? ds(types[0]) : { type: 'datasource', uid: '-- Mixed --' };
  const instantByDefault = panel.kind === 'table';
  const base = {
    id,
    type: panel.kind,
    title: panel.title,
    description: panel.description ?? '',
    gridPos,
    datasource,
    targets: panel.targets.map((t, i) => renderTarget(t, refIds(i), ds, instantByDefault && t.datasource === 'prometheus')),
    links: (panel.links ?? []).map((l) => ({ title: l.title, url: l.url, targetBlank: false })),
  };
  switch (panel.kind) {
    case 'timeseries':
      return {
        ...base,
        fieldConfig: {
          defaults: {
            ...fieldDefaults(panel),
            custom: {
              drawStyle: panel.bars ? 'bars' : 'line',
              lineWidth: 1,
              fillOpacity: panel.stacked || panel.bars ? 60 : 10,
              gradientMode: 'none',
              showPoints: 'never',
              spanNulls: false,
              stacking: { mode: panel.stacked ? 'normal' : 'none', group: 'A' },
              thresholdsStyle: { mode: (panel.showThresholds ?? panel.thresholds !== undefined) ? 'dashed' : 'off' },
              axisPlacement: 'auto',
              axisSoftMin: 0,
            },
          },
          overrides: [],
        },
        options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true, calcs: [] }, tooltip: { mode: 'multi', sort: 'desc' } },
      };
    case 'stat':
      return {
        ...base,
        fieldConfig: { defaults: fieldDefaults(panel), overrides: [] },
        options: {
          reduceOptions: REDUCE_LAST,
          colorMode: panel.background ? 'background' : 'value',
          graphMode: panel.sparkline === false ? 'none' : 'area',
          justifyMode: 'auto',
          textMode: 'auto',
          orientation: 'auto',
          wideLayout: true,
          showPercentChange: false,
        },
      };
    case 'gauge':
      return {
        ...base,
        fieldConfig: { defaults: fieldDefaults(panel), overrides: [] },
        options: { reduceOptions: REDUCE_LAST, orientation: 'auto', showThresholdLabels: false, showThresholdMarkers: true, sizing: 'auto', minVizWidth: 75, minVizHeight: 75 },
      };
    case 'table':
      return {
        ...base,
        fieldConfig: { defaults: { ...fieldDefaults(panel), custom: { align: 'auto', cellOptions: { type: 'auto' }, inspect: false } }, overrides: [] },
        options: { showHeader: true, cellHeight: 'sm', footer: { show: false, reducer: ['sum'], fields: '' } },
        transformations: [
          ...(panel.targets.length > 1 ? [{ id: 'merge', options: {} }] : []),
          { id: 'organize', options: { excludeByName: Object.fromEntries((panel.hideColumns ?? ['Time']).map((c) => [c, true])), indexByName: {}, renameByName: {} } },
        ],
      };
    case 'logs':
      return {
        ...base,
        options: { showTime: true, showLabels: false, showCommonLabels: false, wrapLogMessage: true, prettifyLogMessage: false, enableLogDetails: true, dedupStrategy: 'none', sortOrder: 'Descending' },
      };
    case 'traces':
      return { ...base, options: {} };
  }
}

function renderVariable(v: Variable, ds: DatasourceRefs): object {
  switch (v.kind) {
    case 'datasource':
      return {
        type: 'datasource',
        name: v.name,
        label: v.label,
        query: v.type,
        regex: '',
        current: { selected: false, text: DATASOURCE_NAMES[v.type], value: DATASOURCE_UIDS[v.type] },
        hide: 0,
        includeAll: false,
        multi: false,
        options: [],
        refresh: 1,
        skipUrlSync: false,
      };
    case 'query': {
      const multi = v.multi ?? true;
      const query =
        v.datasource === 'prometheus'
          ? { qryType: 1, query: v.query, refId: 'PrometheusVariableQueryEditor-VariableQuery' }
          : { type: 1, label: v.query, stream: v.lokiStream ?? '', refId: 'LokiVariableQueryEditor-VariableQuery' };
      return {
        type: 'query',
        name: v.name,
        label: v.label,
        datasource: ds(v.datasource),
        definition: v.datasource === 'prometheus' ? v.query : `label_values(${v.lokiStream ?? ''}${v.lokiStream ? ', ' : ''}${v.query})`,
        query,
        regex: '',
        sort: 1,
        refresh: 2,
        multi,
        includeAll: multi,
        ...(multi ? { allValue: v.allValue ?? '.*' } : {}),
        current: multi ? { selected: true, text: ['All'], value: ['$__all'] } : {},
        hide: 0,
        options: [],
        skipUrlSync: false,
      };
    }
    case 'text':
      return { type: 'textbox', name: v.name, label: v.label, query: v.default, current: { text: v.default, value: v.default }, hide: 0, options: [], skipUrlSync: false };
    case 'custom': {
      const value = v.default ?? v.options[0];
      return {
        type: 'custom',
        name: v.name,
        label: v.label,
        query: v.options.join(','),
        current: { selected: true, text: value, value },
        options: v.options.map((o) => ({ selected: o === value, text: o, value: o })),
        hide: 0,
        includeAll: false,
        multi: false,
        skipUrlSync: false,
      };
    }
  }
}
