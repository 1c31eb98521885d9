import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { findManifest, kubernetesObjects, manifests, stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = any;

function datasources(env: string): Record<string, Config> {
  const cm = findManifest(kubernetesObjects(stackOf(env), 'grafana'), 'ConfigMap', 'grafana-datasources');
  const list: Config[] = (yaml.load(cm.data['datasources.yaml']) as Config).datasources;
  return Object.fromEntries(list.map((d) => [d.uid, d]));
}

describe('Grafana datasources for logs and traces', () => {
  it('provisions Loki, Jaeger and Elasticsearch with the fixed uids', () => {
    const ds = datasources('dev');
    assert.deepEqual(Object.keys(ds).sort(), ['elasticsearch', 'jaeger', 'loki', 'prometheus']);
    assert.equal(ds.loki.url, 'http://loki:3100');
    assert.equal(ds.jaeger.url, 'http://jaeger:16686');
    assert.equal(ds.elasticsearch.jsonData.index, 'logs-fedrl-*');
    assert.equal(ds.elasticsearch.jsonData.timeField, '@timestamp');
  });

  it('turns a trace id in a log line into a link to the trace', () => {
    const field = datasources('dev').loki.jsonData.derivedFields[0];
    assert.equal(field.datasourceUid, 'jaeger');
    // Provisioning expands `$…`: the doubled dollar leaves Grafana's own variable in place.
    assert.equal(field.url, '$${__value.raw}');
    const line = JSON.stringify({ level: 'INFO', logger: 'dgfrl', message: 'step', trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' });
    assert.equal(new RegExp(field.matcherRegex).exec(line)?.[1], '4bf92f3577b34da6a3ce929d0e0e4736');
    assert.equal(new RegExp(field.matcherRegex).exec('msg=done trace_id=abc123')?.[1], 'abc123');
  });

  it('opens a trace\'s logs in Loki', () => {
    const link = datasources('prod').jaeger.jsonData.tracesToLogsV2;
    assert.equal(link.datasourceUid, 'loki');
    assert.match(link.query, /\$\$\{__trace\.traceId\}/);
  });

  it('signs in to Elasticsearch with a password Grafana reads from a Secret-filled variable', () => {
    const es = datasources('dev').elasticsearch;
    assert.equal(es.basicAuth, true);
    assert.equal(es.secureJsonData.basicAuthPassword, '$__env{ELASTICSEARCH_PASSWORD}');
    const grafana = findManifest(kubernetesObjects(stackOf('dev'), 'grafana'), 'Deployment', 'grafana').spec.template.spec.containers[0];
    const env = grafana.env.find((e: Config) => e.name === 'ELASTICSEARCH_PASSWORD');
    assert.deepEqual(env.valueFrom, { secretKeyRef: { name: 'elasticsearch', key: 'elastic-password' } });
  });

  it('lets exactly the stack\'s clients reach Elasticsearch, and anyone reach the Jaeger UI', () => {
    const policies = manifests(renderKubernetes(stackOf('prod')).get('network-policies.yaml')!);
    const es = findManifest(policies, 'NetworkPolicy', 'elasticsearch');
    const http = es.spec.ingress.find((r: Config) => r.ports[0].port === 9200);
    const clients = http.from.map((f: Config) => f.podSelector.matchLabels['app.kubernetes.io/name']).sort();
    assert.deepEqual(clients, ['elasticsearch-exporter', 'grafana', 'jaeger', 'jaeger-index-cleaner', 'kibana', 'logstash']);
    const jaeger = findManifest(policies, 'NetworkPolicy', 'jaeger');
    const ui = jaeger.spec.ingress.find((r: Config) => r.ports[0].port === 16686);
    assert.equal(ui.from, undefined);
    const promtail = findManifest(policies, 'NetworkPolicy', 'promtail');
    assert.ok(promtail.spec.egress.some((r: Config) => r.to?.[0].podSelector.matchLabels['app.kubernetes.io/name'] === 'loki'));
  });
});
