/** What the dashboards share: tags, links between them, the usual variables and selectors. */
import { DashboardContext, DashboardLink, datasourceVariable, promVariable, thresholds, ValueMapping } from './model';

/** Every dashboard of the stack carries this tag; the links bar lists them all by it. */
export const STACK_TAG = 'dynamic-graph-fed-rl';

export const STACK_LINKS: readonly DashboardLink[] = [{ kind: 'tag', title: 'Dynamic Graph Fed-RL dashboards', tag: STACK_TAG }];

/** The Prometheus datasource, switchable (default: the provisioned `prometheus`). */
export const PROMETHEUS_DS = datasourceVariable('prometheus');

/** Instances of a job, all by default. */
export function instanceVariable(job: string, metric = 'up'): ReturnType<typeof promVariable> {
  return promVariable('instance', 'Instance', `label_values(${metric}{job="${job}"}, instance)`);
}

/** `job="<job>", instance=~"$instance"`: the selector a per-instance dashboard puts on every query. */
export function jobSelector(job: string): string {
  return `job="${job}", instance=~"$instance"`;
}

/** The application's selector. */
export const appSelector = (context: DashboardContext): string => jobSelector(context.applicationJob);

export const UP_MAPPINGS: readonly ValueMapping[] = [
  { value: 1, text: 'UP', color: 'green' },
  { value: 0, text: 'DOWN', color: 'red' },
];

export const UP_THRESHOLDS = thresholds('red', [1, 'green']);

/** Where a provisioned dashboard opens, keeping the time range. */
export function dashboardUrl(uid: string, query = ''): string {
  return `/d/${uid}?\${__url_time_range}${query}`;
}

/** Usage shares: green, orange from 80%, red from 90%. */
export const USAGE_THRESHOLDS = thresholds('green', [0.8, 'orange'], [0.9, 'red']);
