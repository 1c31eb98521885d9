import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { monstack } from '../helpers/cli';

describe('monstack list', () => {
  const r = monstack(['list', '--env', 'prod']);
  const row = (service: string) => r.stdout.split('\n').find((line) => line.startsWith(`| ${service} `)) ?? '';

  it('lists every service of the environment', () => {
    assert.equal(r.status, 0, r.stderr);
    for (const service of ['prometheus', 'alertmanager', 'grafana', 'loki', 'promtail', 'jaeger', 'elasticsearch', 'logstash', 'kibana', 'node-exporter', 'cadvisor', 'redis-exporter', 'postgres-exporter', 'gpu-exporter']) {
      assert.notEqual(row(service), '', `${service} is missing`);
    }
  });

  it('gives the guide\'s user-facing ports as URLs on localhost', () => {
    for (const [service, port] of [['grafana', 3000], ['prometheus', 9090], ['alertmanager', 9093], ['jaeger', 16686], ['kibana', 5601]] as const) {
      assert.match(row(service), new RegExp(`http://localhost:${port} `));
    }
  });

  it('gives no address for a scheduled task, which listens nowhere', () => {
    assert.match(row('jaeger-index-cleaner'), /^\| jaeger-index-cleaner +\| - +\| - +\| - +\| Elasticsearch password/);
    assert.doesNotMatch(r.stdout, /undefined/);
  });

  it('gives a plain address, not a URL, for a port that does not speak HTTP', () => {
    assert.match(row('logstash'), /\| localhost:5044 /);
    assert.doesNotMatch(row('logstash'), /http:\/\/localhost:5044/);
  });

  it('says where credentials come from without printing any', () => {
    assert.match(row('grafana'), /Secret grafana-admin\/password \(k8s\), \$GRAFANA_ADMIN_PASSWORD in \.env \(compose\)/);
    assert.match(row('redis-exporter'), /you provide it/);
  });
});
