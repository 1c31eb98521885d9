/** Shared by the dashboard tests: job sets, the series they make available, rendered JSON access. */
import { CATALOGUES, seriesOfJobs } from '../../constructs/catalogues';
import { SCRAPE_SERIES } from '../../constructs/metrics';
import { buildDashboards, ProvisionedDashboard } from '../../dashboards';

/** Every scrape job the contracts name. */
export const ALL_JOBS: ReadonlySet<string> = new Set(Object.keys(CATALOGUES));

/** The recorded series of the contract (SLO rules), listed here rather than taken from product code. */
export const CONTRACT_RECORDED_SERIES: readonly string[] = [
  'slo:sli_error:ratio_rate5m',
  'slo:sli_error:ratio_rate30m',
  'slo:sli_error:ratio_rate1h',
  'slo:sli_error:ratio_rate2h',
  'slo:sli_error:ratio_rate6h',
  'slo:sli_error:ratio_rate1d',
  'slo:sli_error:ratio_rate3d',
  'slo:sli_error:ratio_rate30d',
  'slo:objective:ratio',
  'slo:error_budget_remaining:ratio',
];

export const FIXED_DATASOURCE_UIDS: ReadonlySet<string> = new Set(['prometheus', 'loki', 'jaeger', 'elasticsearch']);

/** Series Prometheus holds when it scrapes `jobs` and evaluates the SLO rules. */
export function availableSeries(jobs: Iterable<string>): Set<string> {
  return new Set([...seriesOfJobs(jobs), ...SCRAPE_SERIES, ...CONTRACT_RECORDED_SERIES]);
}

export function without(jobs: ReadonlySet<string>, ...removed: string[]): Set<string> {
  return new Set([...jobs].filter((j) => !removed.includes(j)));
}

export function dashboardsFor(jobs: ReadonlySet<string>): ProvisionedDashboard[] {
  return buildDashboards({ jobs });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function parsed(d: ProvisionedDashboard): Json {
  return JSON.parse(d.json);
}

/** Top-level panels that are not row headers. */
export function contentPanels(json: Json): Json[] {
  return json.panels.filter((p: Json) => p.type !== 'row');
}

export function panelTitled(json: Json, title: string): Json {
  const panel = contentPanels(json).find((p: Json) => p.title === title);
  if (!panel) throw new Error(`no panel "${title}" in "${json.title}" among ${contentPanels(json).map((p: Json) => p.title).join(', ')}`);
  return panel;
}
