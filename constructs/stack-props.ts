/**
 * What a MonitoringStack is made from: the facts of the environment it reads, and per component its props
 * or `false` (off). The CLI maps an environment file to these (src/config/stack-props.ts); a program using
 * the library writes them itself.
 */
import type { AlertOverride } from '../alerts/model/resolve';
import type { AlertRoutingProps } from '../alerts/routing';
import type { ComponentName, PropsOf } from './component-table';
import type { PostgresTarget } from './exporters/postgres-exporter';
import type { ApplicationAddress, ApplicationTarget } from './platform';

/** The application the stack watches. */
export interface ApplicationFacts {
  /** Its scrape job: dashboards and alerts select its series by this job name. */
  readonly scrape: ApplicationTarget;
  /** Its Redis, which redis-exporter watches. */
  readonly redis: ApplicationAddress;
  /** Its Postgres, which postgres-exporter watches. */
  readonly postgres: PostgresTarget;
}

export interface StackAlertingProps {
  /** Where the runbooks are published; each alert's runbook_url points below it. */
  readonly runbookBaseUrl: string;
  /**
   * What the environment changes about an alert, by alert name. Checked against every declared alert
   * (extensions' included) when the stack renders: an unknown name or threshold, or a value out of range,
   * throws an AlertOverrideError naming its key path under `alerting.rules`. @default {}
   */
  readonly rules?: Readonly<Record<string, AlertOverride>>;
  /** Receivers, channels and timings of the routing tree. @default AlertRouting's own defaults */
  readonly routing?: Omit<AlertRoutingProps, 'sloLongWindows'>;
}

/** Per component its props (`{}`: every default), or false to leave it out. */
export type ComponentsProps = { readonly [N in ComponentName]?: PropsOf<N> | false };

export interface MonitoringStackProps {
  /** The environment's name: the `environment` label on every series and alert, and the runbooks' title. */
  readonly name: string;
  readonly application: ApplicationFacts;
  readonly alerting: StackAlertingProps;
  /** Where Jaeger keeps spans; Elasticsearch only where the stack runs it. @default { storage: 'memory' } */
  readonly tracing?: { readonly storage?: 'memory' | 'elasticsearch' };
  /** Whether Prometheus' and Alertmanager's UIs and APIs ask for a password. @default true */
  readonly authentication?: boolean;
  /** Where users open Grafana and Kibana: the base of the links they send. @default each component's own */
  readonly publicUrls?: { readonly grafana?: string; readonly kibana?: string };
  /** Components absent here run with their defaults. @default {} (every component, defaults throughout) */
  readonly components?: ComponentsProps;
}
