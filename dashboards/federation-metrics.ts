/**
 * The guide's "Dynamic Graph Fed-RL - Federation Metrics". Departures: `graph` panels are
 * `timeseries`, the 95th percentile sums buckets `by (le)`, and gossip traffic is summed over
 * instances. Added: the share of agents connected, against the 70% the guide's partition alert uses.
 */
import { appSelector, instanceVariable, PROMETHEUS_DS, STACK_LINKS, STACK_TAG } from './common';
import { Dashboard, DashboardContext, gauge, promql, RATE, stat, thresholds, timeseries } from './model';

export const FEDERATION_TITLE = 'Dynamic Graph Fed-RL - Federation Metrics';

export function federationMetrics(context: DashboardContext): Dashboard {
  const sel = appSelector(context);
  return {
    title: FEDERATION_TITLE,
    description: 'Are the agents connected, how fast do they talk, and do their parameters agree.',
    tags: [STACK_TAG, 'federation'],
    requires: [context.applicationJob],
    variables: [PROMETHEUS_DS, instanceVariable(context.applicationJob)],
    links: STACK_LINKS,
    rows: [
      {
        panels: [
          stat({
            title: 'Active Agents',
            targets: [promql(`max(federation_active_agents{${sel}})`, 'Active Agents')],
          }),
          stat({
            title: 'Expected Agents',
            targets: [promql(`max(federation_total_agents{${sel}})`, 'Expected Agents')],
          }),
          gauge({
            title: 'Agents Connected',
            description: 'Active over expected agents; below 70% the federation is partitioned.',
            targets: [promql(`max(federation_active_agents{${sel}}) / max(federation_total_agents{${sel}})`, 'connected')],
            unit: 'percentunit',
            min: 0,
            max: 1,
            thresholds: thresholds('red', [0.7, 'orange'], [0.9, 'green']),
          }),
        ],
      },
      {
        title: 'Federation',
        panels: [
          timeseries({
            title: 'Communication Latency',
            targets: [
              promql(`histogram_quantile(0.95, sum by (le) (rate(federation_communication_latency_seconds_bucket{${sel}}[${RATE}])))`, '95th percentile latency'),
              promql(`histogram_quantile(0.50, sum by (le) (rate(federation_communication_latency_seconds_bucket{${sel}}[${RATE}])))`, 'median latency'),
            ],
            unit: 's',
          }),
          timeseries({
            title: 'Parameter Divergence',
            targets: [promql(`federation_parameter_divergence{${sel}}`, 'Parameter Divergence {{instance}}')],
          }),
          timeseries({
            title: 'Gossip Messages',
            targets: [promql(`sum(rate(gossip_messages_sent_total{${sel}}[${RATE}]))`, 'Messages/sec')],
            unit: 'short',
          }),
          timeseries({
            title: 'Active Agents over Time',
            targets: [
              promql(`max(federation_active_agents{${sel}})`, 'active'),
              promql(`max(federation_total_agents{${sel}})`, 'expected'),
            ],
          }),
        ],
      },
    ],
  };
}
