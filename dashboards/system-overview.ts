/**
 * The guide's "Dynamic Graph Fed-RL - System Overview", with its four panels made right: `graph`
 * panels are `timeseries`; rates are summed over the labels the legend names; the 95th percentile is
 * taken over the buckets summed `by (le)`; the error rate divides sums (the guide's division matched
 * 5xx series only with themselves, so it read 1 or nothing).
 */
import { appSelector, dashboardUrl, instanceVariable, PROMETHEUS_DS, STACK_LINKS, STACK_TAG, UP_MAPPINGS, UP_THRESHOLDS } from './common';
import { Dashboard, DashboardContext, promql, RATE, stat, thresholds, timeseries } from './model';

export const SYSTEM_OVERVIEW_TITLE = 'Dynamic Graph Fed-RL - System Overview';

export function systemOverview(context: DashboardContext): Dashboard {
  const sel = appSelector(context);
  // Jump from a symptom to its evidence, where the logs and traces dashboards are provisioned.
  const errorLogs = context.jobs.has('loki') ? [{ title: 'Error lines of the application', url: dashboardUrl('logs', `&var-job=${context.applicationJob}&var-level=ERROR`) }] : [];
  const slowTraces = context.jobs.has('jaeger') ? [{ title: 'Traces of the application', url: dashboardUrl('traces', `&var-service=${context.applicationJob}`) }] : [];
  return {
    title: SYSTEM_OVERVIEW_TITLE,
    description: 'Is the application up, how much does it serve, how fast, and how often does it fail.',
    tags: [STACK_TAG, 'application'],
    requires: [context.applicationJob],
    variables: [PROMETHEUS_DS, instanceVariable(context.applicationJob)],
    links: STACK_LINKS,
    rows: [
      {
        panels: [
          stat({
            title: 'System Health',
            description: 'Whether Prometheus reaches each instance of the application.',
            targets: [promql(`up{${sel}}`, 'Application Status {{instance}}', { instant: true })],
            mappings: UP_MAPPINGS,
            thresholds: UP_THRESHOLDS,
            background: true,
            sparkline: false,
          }),
          stat({
            title: 'Requests per second',
            targets: [promql(`sum(rate(http_requests_total{${sel}}[${RATE}]))`, 'req/s')],
            unit: 'reqps',
          }),
          stat({
            title: 'Active Connections',
            targets: [promql(`sum(active_connections{${sel}})`, 'connections')],
          }),
          stat({
            title: 'Process Memory',
            targets: [promql(`sum(memory_usage_bytes{${sel}})`, 'memory')],
            unit: 'bytes',
          }),
        ],
      },
      {
        title: 'Requests',
        panels: [
          timeseries({
            title: 'Request Rate',
            targets: [promql(`sum by (method, endpoint) (rate(http_requests_total{${sel}}[${RATE}]))`, '{{method}} {{endpoint}}')],
            unit: 'reqps',
          }),
          timeseries({
            title: 'Response Time',
            description: 'Percentiles of request duration over all endpoints; the SLO is p95 under 200 ms.',
            targets: [
              promql(`histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[${RATE}])))`, '95th percentile'),
              promql(`histogram_quantile(0.50, sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[${RATE}])))`, 'median'),
              promql(`histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[${RATE}])))`, '99th percentile'),
            ],
            unit: 's',
            thresholds: thresholds('green', [0.2, 'red']),
            links: slowTraces,
          }),
          timeseries({
            title: 'Error Rate',
            description: 'Share of requests answered with a 5xx status; the SLO allows 0.1%.',
            targets: [promql(`sum(rate(http_requests_total{${sel}, status=~"5.."}[${RATE}])) / sum(rate(http_requests_total{${sel}}[${RATE}]))`, '5xx Error Rate')],
            unit: 'percentunit',
            thresholds: thresholds('green', [0.001, 'red']),
            links: errorLogs,
          }),
          timeseries({
            title: 'Response Time by Endpoint',
            targets: [promql(`histogram_quantile(0.95, sum by (le, endpoint) (rate(http_request_duration_seconds_bucket{${sel}}[${RATE}])))`, '{{endpoint}}')],
            unit: 's',
          }),
        ],
      },
    ],
  };
}
