/**
 * The monitoring guide's three dashboards, with every panel it lists. Titles, panel order and the
 * metrics each panel reads are copied from the guide here (not from the product), with the fixes the
 * README lists: `graph` panels become `timeseries`, the histogram panels sum buckets `by (le)`, the
 * episode reward histogram is read through _sum/_count, and the GPU panel reads DCGM.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePromql } from '../../src/promql/parse';
import { ALL_JOBS, dashboardsFor, Json, panelTitled, parsed, without } from './helpers';

interface GuidePanel {
  readonly title: string;
  /** The guide's type, `graph` rendered as `timeseries`. */
  readonly type: 'stat' | 'timeseries';
  /** Metrics the guide's query reads (as fixed), each must be read by the panel. */
  readonly reads: readonly string[];
  /** The guide's legend, which the panel keeps. */
  readonly legend: string;
}

const GUIDE: Record<string, readonly GuidePanel[]> = {
  'Dynamic Graph Fed-RL - System Overview': [
    { title: 'System Health', type: 'stat', reads: ['up'], legend: 'Application Status' },
    { title: 'Request Rate', type: 'timeseries', reads: ['http_requests_total'], legend: '{{method}} {{endpoint}}' },
    { title: 'Response Time', type: 'timeseries', reads: ['http_request_duration_seconds_bucket'], legend: '95th percentile' },
    { title: 'Error Rate', type: 'timeseries', reads: ['http_requests_total'], legend: '5xx Error Rate' },
  ],
  'Dynamic Graph Fed-RL - Training Metrics': [
    { title: 'Training Progress', type: 'timeseries', reads: ['training_episodes_total'], legend: 'Episodes/sec' },
    { title: 'Episode Rewards', type: 'timeseries', reads: ['training_episode_reward_sum', 'training_episode_reward_count'], legend: 'Episode Reward' },
    { title: 'Agent Performance', type: 'timeseries', reads: ['agent_reward'], legend: 'Agent {{agent_id}}' },
    { title: 'Training Loss', type: 'timeseries', reads: ['training_loss'], legend: 'Training Loss' },
    { title: 'GPU Utilization', type: 'timeseries', reads: ['DCGM_FI_DEV_GPU_UTIL'], legend: 'GPU {{gpu}}' },
  ],
  'Dynamic Graph Fed-RL - Federation Metrics': [
    { title: 'Active Agents', type: 'stat', reads: ['federation_active_agents'], legend: 'Active Agents' },
    { title: 'Communication Latency', type: 'timeseries', reads: ['federation_communication_latency_seconds_bucket'], legend: '95th percentile latency' },
    { title: 'Parameter Divergence', type: 'timeseries', reads: ['federation_parameter_divergence'], legend: 'Parameter Divergence' },
    { title: 'Gossip Messages', type: 'timeseries', reads: ['gossip_messages_sent_total'], legend: 'Messages/sec' },
  ],
};

function exprs(panel: Json): string[] {
  return panel.targets.map((t: Json) => t.expr as string);
}

function metricsRead(panel: Json): Set<string> {
  return new Set(exprs(panel).flatMap((e) => parsePromql(e.replace(/\$__rate_interval/g, '5m')).metrics));
}

describe("the guide's dashboards", () => {
  const dashboards = dashboardsFor(ALL_JOBS);
  for (const [title, panels] of Object.entries(GUIDE)) {
    describe(title, () => {
      const d = dashboards.find((x) => x.title === title);
      it('is provisioned', () => assert.ok(d, `missing "${title}" among ${dashboards.map((x) => x.title).join(', ')}`));
      for (const guidePanel of panels) {
        it(`has "${guidePanel.title}" as a ${guidePanel.type} reading ${guidePanel.reads.join(', ')}`, () => {
          const panel = panelTitled(parsed(d!), guidePanel.title);
          assert.equal(panel.type, guidePanel.type);
          const read = metricsRead(panel);
          for (const metric of guidePanel.reads) assert.ok(read.has(metric), `"${guidePanel.title}" reads ${[...read].join(', ')}, not ${metric}`);
          assert.ok(
            panel.targets.some((t: Json) => (t.legendFormat as string).startsWith(guidePanel.legend)),
            `"${guidePanel.title}" legends: ${panel.targets.map((t: Json) => t.legendFormat).join(' | ')}`,
          );
        });
      }
    });
  }

  it('takes the 95th percentiles over buckets summed by le', () => {
    for (const [dashboard, panel] of [
      ['Dynamic Graph Fed-RL - System Overview', 'Response Time'],
      ['Dynamic Graph Fed-RL - Federation Metrics', 'Communication Latency'],
    ]) {
      const p95 = exprs(panelTitled(parsed(dashboards.find((x) => x.title === dashboard)!), panel)).find((e) => e.startsWith('histogram_quantile(0.95'));
      assert.ok(p95, panel);
      assert.match(p95, /^histogram_quantile\(0\.95, sum by \(le\) \(rate\(\w+_bucket\{[^}]*\}\[\$__rate_interval\]\)\)\)$/);
    }
  });

  it('divides summed 5xx requests by summed requests for the error rate', () => {
    const [expr] = exprs(panelTitled(parsed(dashboards.find((x) => x.title === 'Dynamic Graph Fed-RL - System Overview')!), 'Error Rate'));
    assert.match(expr, /^sum\(rate\(http_requests_total\{[^}]*status=~"5\.\."[^}]*\}\[\$__rate_interval\]\)\) \/ sum\(rate\(http_requests_total\{[^}]*\}\[\$__rate_interval\]\)\)$/);
  });

  it("never reads the reward histogram's bare name, which has no series", () => {
    const panel = panelTitled(parsed(dashboards.find((x) => x.title === 'Dynamic Graph Fed-RL - Training Metrics')!), 'Episode Rewards');
    assert.ok(!metricsRead(panel).has('training_episode_reward'));
  });

  it("falls back to the application's own GPU gauge where no GPU exporter runs", () => {
    const training = dashboardsFor(without(ALL_JOBS, 'gpu-exporter')).find((x) => x.title === 'Dynamic Graph Fed-RL - Training Metrics')!;
    const read = metricsRead(panelTitled(parsed(training), 'GPU Utilization'));
    assert.deepEqual([...read], ['gpu_utilization_percent']);
  });
});
