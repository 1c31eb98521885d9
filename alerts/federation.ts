/** Federation health: agent connectivity, partitions, communication latency, parameter divergence, gossip. */
import { AGENT_COMMUNICATION } from './runbooks-guide';
import { percentOf, RulesContext } from './context';
import { RuleFile, alert, count, fraction, nonNegative, positive, series } from './model/rule';

export function federationRules(ctx: RulesContext): RuleFile {
  const job = ctx.applicationJob;
  const target = `instance="coordinator:8000",job="${job}"`;
  const labels = { instance: 'coordinator:8000', job };
  const on = `{job="${job}"}`;
  const coordinatorSeries = (name: string, values: string) => series(`${name}{${target}}`, values);
  const latencyBucket = (le: string, values: string) => series(`federation_communication_latency_seconds_bucket{le="${le}",${target}}`, values);
  // A Prometheus annotation cannot name another metric; a query template can fetch it for this target.
  const agentsOf = (metric: string) =>
    `{{ with printf "${metric}{job=%q,instance=%q}" $labels.job $labels.instance | query }}{{ . | first | value }}{{ end }}`;
  return {
    name: 'federation',
    groups: [
      {
        name: 'federation.alerts',
        rules: [
          alert({
            name: 'AgentNetworkPartition',
            // The ratio is the value, so the alert shows how much of the federation is reachable.
            expr: (t) => `federation_active_agents${on} / federation_total_agents${on} < ${t.minActiveFraction}`,
            for: '5m',
            severity: 'critical',
            team: 'ml',
            component: 'federation',
            thresholds: { minActiveFraction: fraction(0.7) },
            summary: 'Significant agent network partition detected',
            description: (t) =>
              `Only ${agentsOf('federation_active_agents')} out of ${agentsOf('federation_total_agents')} agents are active ({{ $value | humanizePercentage }}, threshold ${percentOf(t.minActiveFraction)}%).`,
            runbook: AGENT_COMMUNICATION,
            tests: {
              fires: {
                series: [coordinatorSeries('federation_active_agents', '5x20'), coordinatorSeries('federation_total_agents', '10x20')],
                at: '10m',
                labels,
                description: 'Only 5 out of 10 agents are active (50%, threshold 70%).',
              },
              quiet: { series: [coordinatorSeries('federation_active_agents', '9x20'), coordinatorSeries('federation_total_agents', '10x20')], at: '10m' },
            },
          }),
          alert({
            name: 'AgentsDisconnecting',
            expr: (t) => `max_over_time(federation_active_agents${on}[15m]) - federation_active_agents${on} >= ${t.lostAgents}`,
            severity: 'warning',
            team: 'ml',
            component: 'federation',
            thresholds: { lostAgents: count(2) },
            summary: 'Agents are leaving the federation',
            description: (t) => `{{ $value }} agents disconnected from {{ $labels.instance }} in the last 15 minutes (threshold ${t.lostAgents}).`,
            runbook: AGENT_COMMUNICATION,
            tests: {
              fires: { series: [coordinatorSeries('federation_active_agents', '10x10 7x10')], at: '15m', labels, description: '3 agents disconnected from coordinator:8000 in the last 15 minutes (threshold 2).' },
              quiet: { series: [coordinatorSeries('federation_active_agents', '10x20')], at: '15m' },
            },
          }),
          alert({
            name: 'AgentCommunicationLatencyHigh',
            expr: (t) => `histogram_quantile(0.95, sum by (job, le) (rate(federation_communication_latency_seconds_bucket${on}[5m]))) > ${t.p95Seconds}`,
            for: '10m',
            severity: 'warning',
            team: 'ml',
            component: 'federation',
            thresholds: { p95Seconds: positive(1) },
            summary: 'Communication between agents is slow',
            description: (t) => `95th percentile agent communication latency is {{ $value | printf "%.2f" }}s (threshold ${t.p95Seconds}s).`,
            runbook: AGENT_COMMUNICATION,
            tests: {
              fires: {
                series: [latencyBucket('0.5', '0+1x30'), latencyBucket('2.5', '0+10x30'), latencyBucket('+Inf', '0+10x30')],
                at: '25m',
                labels: { job },
                description: '95th percentile agent communication latency is 2.39s (threshold 1s).',
              },
              quiet: { series: [latencyBucket('0.5', '0+10x30'), latencyBucket('2.5', '0+10x30'), latencyBucket('+Inf', '0+10x30')], at: '25m' },
            },
          }),
          alert({
            name: 'ParameterDivergenceHigh',
            expr: (t) => `federation_parameter_divergence${on} > ${t.maxDivergence}`,
            for: '15m',
            severity: 'warning',
            team: 'ml',
            component: 'federation',
            thresholds: { maxDivergence: nonNegative(0.5) },
            summary: 'Agents\' parameters are drifting apart',
            description: (t) => `Parameter divergence on {{ $labels.instance }} is {{ $value | printf "%.2f" }} (threshold ${t.maxDivergence}).`,
            runbook: {
              symptoms: 'Agents\' models disagree more and more; the federated model stops converging.',
              investigation: [
                'Open the "Federation Metrics" dashboard: divergence, gossip rate and active agents together.',
                'Check whether some agents stopped receiving updates (partition, slow links).',
                'Compare the agents\' local data: a skewed shard pulls its agent away.',
              ],
              resolution: ['Reconnect or restart the lagging agents.', 'Aggregate more often or lower local learning rates.'],
            },
            tests: {
              fires: { series: [coordinatorSeries('federation_parameter_divergence', '0.8x30')], at: '20m', labels, description: 'Parameter divergence on coordinator:8000 is 0.80 (threshold 0.5).' },
              quiet: { series: [coordinatorSeries('federation_parameter_divergence', '0.1x30')], at: '20m' },
            },
          }),
          alert({
            name: 'GossipStalled',
            expr: () => `sum by (job) (rate(gossip_messages_sent_total${on}[10m])) == 0 and on (job) sum by (job) (federation_active_agents${on}) > 1`,
            for: '10m',
            severity: 'warning',
            team: 'ml',
            component: 'federation',
            thresholds: {},
            summary: 'Agents stopped gossiping',
            description: 'No gossip message has been sent for 10 minutes although several agents are active.',
            runbook: AGENT_COMMUNICATION,
            tests: {
              fires: { series: [coordinatorSeries('gossip_messages_sent_total', '5x40'), coordinatorSeries('federation_active_agents', '4x40')], at: '30m', labels: { job } },
              quiet: { series: [coordinatorSeries('gossip_messages_sent_total', '0+10x40'), coordinatorSeries('federation_active_agents', '4x40')], at: '30m' },
            },
          }),
        ],
      },
    ],
  };
}
