import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATALOGUES } from '../../constructs/catalogues';
import { histogram, METRIC_TYPES, seriesNames, summary } from '../../constructs/metrics';
import { CONTRACT_JOBS } from '../helpers/contracts';

/** Every metric the monitoring guide names for the application, with the type its Python code gives. */
const GUIDE_APPLICATION_METRICS: Record<string, string> = {
  training_episodes_total: 'counter',
  training_episode_reward: 'histogram',
  training_loss: 'gauge',
  federation_active_agents: 'gauge',
  federation_total_agents: 'gauge',
  federation_communication_latency_seconds: 'histogram',
  federation_parameter_divergence: 'gauge',
  gossip_messages_sent_total: 'counter',
  gpu_utilization_percent: 'gauge',
  memory_usage_bytes: 'gauge',
  http_requests_total: 'counter',
  http_request_duration_seconds: 'histogram',
  active_connections: 'gauge',
  agent_reward: 'gauge',
  model_parameters_count: 'gauge',
};

describe('metric catalogues', () => {
  it('cover exactly the scrape jobs of the contracts', () => {
    assert.deepEqual(Object.keys(CATALOGUES).sort(), [...CONTRACT_JOBS].sort());
  });

  it('hold valid, unique metric names per job', () => {
    for (const [job, families] of Object.entries(CATALOGUES)) {
      assert.ok(families.length > 0, job);
      const names = families.map((f) => f.name);
      assert.equal(new Set(names).size, names.length, `${job} lists a family twice`);
      for (const name of names) assert.match(name, /^[a-zA-Z_:][a-zA-Z0-9_:]*$/, `${job}: ${name}`);
      for (const f of families.filter((x) => x.type === 'histogram')) assert.doesNotMatch(f.name, /_(bucket|sum|count)$/, `${job}: name the histogram family, not a series`);
    }
  });

  it('give every family a known type and its own label names, without the scrape\'s or the type\'s', () => {
    for (const [job, families] of Object.entries(CATALOGUES)) {
      for (const f of families) {
        assert.ok(METRIC_TYPES.includes(f.type), `${job}: ${f.name} has type ${f.type}`);
        assert.ok(Array.isArray(f.labels), `${job}: ${f.name} lists no labels`);
        assert.equal(new Set(f.labels).size, f.labels!.length, `${job}: ${f.name} lists a label twice`);
        for (const label of f.labels!) {
          assert.match(label, /^[a-zA-Z_][a-zA-Z0-9_]*$/, `${job}: ${f.name}: ${label}`);
          assert.ok(!['job', 'instance', 'le', 'quantile', '__name__'].includes(label), `${job}: ${f.name} lists "${label}", which the scrape or the type gives`);
        }
      }
    }
  });

  it("label the application's metrics as the guide's code does", () => {
    const labels = new Map(CATALOGUES['dynamic-graph-fed-rl'].map((f) => [f.name, f.labels]));
    assert.deepEqual(labels.get('http_requests_total'), ['endpoint', 'method', 'status']);
    assert.deepEqual(labels.get('http_request_duration_seconds'), ['endpoint', 'method']);
    assert.deepEqual(labels.get('agent_reward'), ['agent_id']);
    assert.deepEqual(labels.get('training_loss'), []);
  });

  it("list every application metric the guide names, with the guide's type", () => {
    const app = new Map(CATALOGUES['dynamic-graph-fed-rl'].map((f) => [f.name, f.type]));
    for (const [name, type] of Object.entries(GUIDE_APPLICATION_METRICS)) assert.equal(app.get(name), type, name);
  });

  it('name the DCGM fields the GPU exporter really exposes, not the retired exporter\'s', () => {
    const names = CATALOGUES['gpu-exporter'].map((f) => f.name);
    assert.ok(names.includes('DCGM_FI_DEV_GPU_UTIL'));
    assert.ok(!names.includes('nvidia_gpu_utilization_gpu'));
  });

  it('give a histogram its bucket, sum and count series but not its bare name', () => {
    assert.deepEqual(seriesNames(histogram('h', [])), ['h_bucket', 'h_sum', 'h_count']);
    assert.deepEqual(seriesNames(summary('s', [])), ['s', 's_sum', 's_count']);
  });
});
