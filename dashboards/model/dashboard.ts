/** A dashboard as we define it: rows of panels, variables, links, and the scrape jobs it needs. */
import { Panel } from './panels';
import { Variable } from './variables';

export interface Row {
  /** Shown as a row header; a row without a title just starts a new line of panels. */
  readonly title?: string;
  readonly panels: readonly Panel[];
  /** Scrape jobs the whole row reads: it is left out of an environment without them. */
  readonly requires?: readonly string[];
}

export type DashboardLink =
  | { readonly kind: 'tag'; readonly title: string; readonly tag: string }
  | { readonly kind: 'url'; readonly title: string; readonly url: string; readonly tooltip?: string };

export interface Dashboard {
  readonly title: string;
  /** Stable identity; derived from the title when absent. Lower-case letters, digits and dashes, ≤ 40. */
  readonly uid?: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** Scrape jobs the dashboard cannot do without: it is not provisioned in an environment lacking one. */
  readonly requires: readonly string[];
  /** Recorded series it reads: it is not provisioned where no recording rule produces them. */
  readonly requiresRecorded?: readonly string[];
  readonly variables?: readonly Variable[];
  readonly links?: readonly DashboardLink[];
  readonly rows: readonly Row[];
  /** @default 'now-6h' */
  readonly from?: string;
  /** @default '1m' */
  readonly refresh?: string;
}

/** Scrape jobs present in an environment, and the application's job name there. */
export interface DashboardContext {
  readonly jobs: ReadonlySet<string>;
  readonly applicationJob: string;
  /** Series the environment's recording rules produce; unknown (no filtering) when absent. */
  readonly recordedSeries?: ReadonlySet<string>;
}

/** A dashboard file: a function of the environment, so panels can follow what runs there. */
export type DashboardSource = (context: DashboardContext) => Dashboard;
