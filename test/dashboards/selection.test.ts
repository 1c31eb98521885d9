import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_JOBS, contentPanels, dashboardsFor, parsed, without } from './helpers';

const titles = (jobs: ReadonlySet<string>) => dashboardsFor(jobs).map((d) => d.title);

describe('dashboards an environment provisions', () => {
  it('are the guide\'s three and one per part of the infrastructure when everything runs', () => {
    assert.deepEqual(titles(ALL_JOBS), [
      'Dynamic Graph Fed-RL - System Overview',
      'Dynamic Graph Fed-RL - Training Metrics',
      'Dynamic Graph Fed-RL - Federation Metrics',
      'Service Level Objectives',
      'Hosts',
      'Containers',
      'GPUs',
      'Redis',
      'Postgres',
      'Logs',
      'Traces',
      'Monitoring Stack Health',
    ]);
  });

  const needs: [string, string][] = [
    ['GPUs', 'gpu-exporter'],
    ['Logs', 'loki'],
    ['Traces', 'jaeger'],
    ['Hosts', 'node-exporter'],
    ['Containers', 'cadvisor'],
    ['Redis', 'redis-exporter'],
    ['Postgres', 'postgres-exporter'],
    ['Monitoring Stack Health', 'prometheus'],
    ['Dynamic Graph Fed-RL - System Overview', 'dynamic-graph-fed-rl'],
  ];
  for (const [title, job] of needs) {
    it(`leave out "${title}" without ${job}`, () => {
      assert.ok(titles(ALL_JOBS).includes(title));
      assert.ok(!titles(without(ALL_JOBS, job)).includes(title));
    });
  }

  it('drop the stack health rows of components that do not run', () => {
    const panelsOf = (jobs: ReadonlySet<string>) => contentPanels(parsed(dashboardsFor(jobs).find((d) => d.title === 'Monitoring Stack Health')!)).map((p) => p.title);
    assert.ok(panelsOf(ALL_JOBS).includes('Notifications Failed'));
    assert.ok(!panelsOf(without(ALL_JOBS, 'alertmanager')).includes('Notifications Failed'));
    assert.ok(panelsOf(ALL_JOBS).includes('Logstash Events'));
    const noLogstash = panelsOf(without(ALL_JOBS, 'logstash-exporter'));
    assert.ok(!noLogstash.includes('Logstash Events'));
    assert.ok(noLogstash.includes('Elasticsearch Cluster Health'));
  });

  it('provision nothing without any job', () => {
    assert.deepEqual(titles(new Set()), []);
  });
});

describe('links between dashboards', () => {
  it('lead from the overview to the logs and traces dashboards that are provisioned', () => {
    const overview = (jobs: ReadonlySet<string>) => parsed(dashboardsFor(jobs).find((d) => d.title === 'Dynamic Graph Fed-RL - System Overview')!);
    const uids = new Set(dashboardsFor(ALL_JOBS).map((d) => d.uid));
    const links = contentPanels(overview(ALL_JOBS)).flatMap((p) => p.links.map((l: { url: string }) => l.url));
    assert.equal(links.length, 2);
    for (const url of links) assert.ok(uids.has(/^\/d\/([a-z0-9-]+)\?/.exec(url)![1]), url);
    const without_ = contentPanels(overview(without(ALL_JOBS, 'loki', 'jaeger'))).flatMap((p) => p.links);
    assert.deepEqual(without_, []);
  });
});
