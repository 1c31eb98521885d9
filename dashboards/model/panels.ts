/**
 * The panel kinds our dashboards use. A panel states what it shows; the renderer decides the Grafana
 * JSON (field config, options) and where it goes on the grid.
 */
import { JaegerQuery, LokiQuery, PromQuery } from './targets';
import { ThresholdStep, Unit, ValueMapping } from './units';

interface PanelBase {
  readonly title: string;
  readonly description?: string;
  /** Grid columns (of 24). Each kind has its default. */
  readonly width?: number;
  /** Grid rows (30 px each). Each kind has its default. */
  readonly height?: number;
  /** Scrape jobs the panel reads: it is left out of an environment without them. */
  readonly requires?: readonly string[];
  /** Links shown in the panel's corner (another dashboard, Explore, a runbook). */
  readonly links?: readonly { readonly title: string; readonly url: string }[];
}

interface MetricPanelBase extends PanelBase {
  readonly unit?: Unit;
  readonly decimals?: number;
  readonly min?: number;
  readonly max?: number;
  readonly thresholds?: readonly ThresholdStep[];
  readonly mappings?: readonly ValueMapping[];
}

export interface TimeseriesPanel extends MetricPanelBase {
  readonly kind: 'timeseries';
  readonly targets: readonly (PromQuery | LokiQuery)[];
  /** Stack the series (volumes, shares of a whole). @default false */
  readonly stacked?: boolean;
  /** Draw bars rather than lines (counts per interval). @default false */
  readonly bars?: boolean;
  /** Draw the thresholds as dashed lines. @default false when no thresholds */
  readonly showThresholds?: boolean;
}

export interface StatPanel extends MetricPanelBase {
  readonly kind: 'stat';
  readonly targets: readonly PromQuery[];
  /** Colour the background rather than the value. @default false */
  readonly background?: boolean;
  /** Draw the trend under the value. @default true */
  readonly sparkline?: boolean;
}

export interface GaugePanel extends MetricPanelBase {
  readonly kind: 'gauge';
  readonly targets: readonly PromQuery[];
}

export interface TablePanel extends MetricPanelBase {
  readonly kind: 'table';
  readonly targets: readonly (PromQuery | JaegerQuery)[];
  /** Columns to hide (`Time`, `__name__`...). */
  readonly hideColumns?: readonly string[];
}

export interface LogsPanel extends PanelBase {
  readonly kind: 'logs';
  readonly targets: readonly LokiQuery[];
}

export interface TracesPanel extends PanelBase {
  readonly kind: 'traces';
  readonly targets: readonly JaegerQuery[];
}

export type Panel = TimeseriesPanel | StatPanel | GaugePanel | TablePanel | LogsPanel | TracesPanel;
export type PanelKind = Panel['kind'];

type Spec<P extends Panel> = Omit<P, 'kind'>;

export const timeseries = (spec: Spec<TimeseriesPanel>): TimeseriesPanel => ({ kind: 'timeseries', ...spec });
export const stat = (spec: Spec<StatPanel>): StatPanel => ({ kind: 'stat', ...spec });
export const gauge = (spec: Spec<GaugePanel>): GaugePanel => ({ kind: 'gauge', ...spec });
export const table = (spec: Spec<TablePanel>): TablePanel => ({ kind: 'table', ...spec });
export const logs = (spec: Spec<LogsPanel>): LogsPanel => ({ kind: 'logs', ...spec });
export const traces = (spec: Spec<TracesPanel>): TracesPanel => ({ kind: 'traces', ...spec });

/** Default size of each kind: small tiles for single values, full width for logs and traces. */
export const DEFAULT_SIZE: Readonly<Record<PanelKind, { readonly width: number; readonly height: number }>> = Object.freeze({
  stat: { width: 6, height: 4 },
  gauge: { width: 6, height: 6 },
  timeseries: { width: 12, height: 8 },
  table: { width: 12, height: 8 },
  logs: { width: 24, height: 12 },
  traces: { width: 24, height: 14 },
});
