/**
 * The stack's dashboards, one file each, and the choice of those an environment provisions: a
 * dashboard whose source does not run there (no GPU exporter, no Loki) is left out, and panels
 * reading a missing job drop out of the ones that stay.
 */
import type { IDashboard } from '../constructs/grafana';
import { BoundedCache } from '../constructs/bounded-cache';
import { APPLICATION_JOB } from '../constructs/catalogues';
import { containers } from './containers';
import { federationMetrics } from './federation-metrics';
import { gpus } from './gpus';
import { hosts } from './hosts';
import { logs } from './logs';
import { DashboardContext, DashboardSource, renderDashboard, RenderedDashboard, satisfied } from './model';
import { postgres } from './postgres';
import { redis } from './redis';
import { sloDashboard } from './slo';
import { stackHealth } from './stack-health';
import { systemOverview } from './system-overview';
import { traces } from './traces';
import { trainingMetrics } from './training-metrics';

/** Every dashboard of the stack, in the order Grafana lists them. */
export const DASHBOARDS: readonly DashboardSource[] = [
  systemOverview,
  trainingMetrics,
  federationMetrics,
  sloDashboard,
  hosts,
  containers,
  gpus,
  redis,
  postgres,
  logs,
  traces,
  stackHealth,
];

export interface BuildDashboardsOptions {
  /** Scrape jobs present in the environment. */
  readonly jobs: ReadonlySet<string>;
  /** The application's job name there. @default 'dynamic-graph-fed-rl' */
  readonly applicationJob?: string;
  /** Series the environment's recording rules produce; when given, dashboards reading others are left out. */
  readonly recordedSeries?: ReadonlySet<string>;
  /** Dashboards to render; the stack's own by default. */
  readonly sources?: readonly DashboardSource[];
}

/** A rendered dashboard, as Grafana provisions it. */
export type ProvisionedDashboard = RenderedDashboard & IDashboard;

/**
 * The dashboards to provision for an environment, rendered. The stack's own depend on the context alone,
 * and environments mostly agree on it: those that do share one rendering (frozen, since it is shared).
 */
export function buildDashboards(options: BuildDashboardsOptions): ProvisionedDashboard[] {
  if (options.sources) return renderAll(options.sources, options);
  // The dashboards only ask the sets what they hold, so their order is not part of the key.
  const key = JSON.stringify([[...options.jobs].sort(), options.applicationJob ?? APPLICATION_JOB, options.recordedSeries ? [...options.recordedSeries].sort() : null]);
  return [...builtinDashboards.get(key, () => Object.freeze(renderAll(DASHBOARDS, options).map((d) => Object.freeze(d))))];
}

const builtinDashboards = new BoundedCache<string, readonly ProvisionedDashboard[]>(64);

function renderAll(sources: readonly DashboardSource[], options: BuildDashboardsOptions): ProvisionedDashboard[] {
  const context: DashboardContext = { jobs: options.jobs, applicationJob: options.applicationJob ?? APPLICATION_JOB, recordedSeries: options.recordedSeries };
  const recorded = options.recordedSeries;
  return sources
    .map((source) => source(context))
    .filter((def) => satisfied(def.requires, context))
    .filter((def) => !recorded || (def.requiresRecorded ?? []).every((name) => recorded.has(name)))
    .map((def) => renderDashboard(def, context));
}

export { SLO_RECORDED_SERIES } from './slo';
export { SYSTEM_OVERVIEW_TITLE } from './system-overview';
export { TRAINING_TITLE } from './training-metrics';
export { FEDERATION_TITLE } from './federation-metrics';
export * as model from './model';
