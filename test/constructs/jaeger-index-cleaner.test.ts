import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retentionDays } from '../../constructs';
import { composeServices, findManifest, kubernetesObjects, stackFromYaml, stackOf } from '../helpers/stack';

describe('Jaeger index cleaner', () => {
  it('deletes span indices after the environment\'s retention, daily, as a CronJob', () => {
    for (const [env, days] of [['prod', '30'], ['staging', '14']]) {
      const job = findManifest(kubernetesObjects(stackOf(env), 'jaeger-index-cleaner'), 'CronJob', 'jaeger-index-cleaner');
      assert.equal(job.spec.schedule, '15 0 * * *');
      assert.equal(job.spec.concurrencyPolicy, 'Forbid');
      const pod = job.spec.jobTemplate.spec.template.spec;
      assert.equal(pod.restartPolicy, 'OnFailure');
      const [c] = pod.containers;
      assert.deepEqual(c.args, [days, 'http://elasticsearch:9200', '--index-prefix=jaeger']);
      assert.deepEqual(c.env.find((e: { name: string }) => e.name === 'ES_PASSWORD').valueFrom.secretKeyRef, { name: 'elasticsearch', key: 'elastic-password' });
    }
  });

  it('follows the Elasticsearch retention, rounded up to whole days', () => {
    const stack = stackFromYaml('extends: prod\ncomponents:\n  elasticsearch:\n    retention: 36h\n');
    const job = findManifest(kubernetesObjects(stack, 'jaeger-index-cleaner'), 'CronJob', 'jaeger-index-cleaner');
    assert.equal(job.spec.jobTemplate.spec.template.spec.containers[0].args[0], '2');
    assert.equal(retentionDays('12h'), 1);
    assert.equal(retentionDays('2w'), 14);
  });

  it('is not there where spans stay in memory (dev), and its settings are refused there', () => {
    assert.equal(stackOf('dev').jaegerIndexCleaner, undefined);
    assert.throws(
      () => stackFromYaml('extends: dev\ncomponents:\n  jaeger-index-cleaner:\n    image: registry.local/jaeger-es-index-cleaner:2.21.0\n'),
      /custom\.yaml:4: components\.jaeger-index-cleaner\.image: does nothing: the index cleaner runs only where Jaeger keeps its spans in Elasticsearch/,
    );
  });

  it('takes the image and resources an environment gives it', () => {
    const stack = stackFromYaml('extends: prod\ncomponents:\n  jaeger-index-cleaner:\n    image: registry.local/jaeger-es-index-cleaner:2.21.0\n');
    const job = findManifest(kubernetesObjects(stack, 'jaeger-index-cleaner'), 'CronJob', 'jaeger-index-cleaner');
    assert.equal(job.spec.jobTemplate.spec.template.spec.containers[0].image, 'registry.local/jaeger-es-index-cleaner:2.21.0');
  });

  it('runs in compose as a loop in its image\'s shell, once a day, after Elasticsearch is healthy', () => {
    const svc = composeServices(stackOf('prod'))['jaeger-index-cleaner'];
    assert.equal(svc.entrypoint[0], 'sh');
    assert.match(svc.entrypoint[2], /^while :; do \/go\/bin\/es-index-cleaner-linux 30 http:\/\/elasticsearch:9200 --index-prefix=jaeger \|\| .*; sleep 86400; done$/);
    assert.deepEqual(svc.depends_on, { elasticsearch: { condition: 'service_healthy' } });
    assert.equal(svc.restart, 'unless-stopped');
  });

  it('may reach Elasticsearch, and nothing else, in Kubernetes', () => {
    const policies = kubernetesObjects(stackOf('prod'), 'network-policies');
    const own = findManifest(policies, 'NetworkPolicy', 'jaeger-index-cleaner');
    assert.deepEqual(own.spec.egress.map((r: { to: unknown }) => r.to), [[{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'elasticsearch', 'app.kubernetes.io/part-of': 'monstack' } } }]]);
    const es = findManifest(policies, 'NetworkPolicy', 'elasticsearch');
    assert.ok(JSON.stringify(es.spec.ingress).includes('jaeger-index-cleaner'));
  });

  it('makes Jaeger wait for Elasticsearch in Kubernetes with an init container', () => {
    const deployment = findManifest(kubernetesObjects(stackOf('prod'), 'jaeger'), 'Deployment', 'jaeger');
    const [init] = deployment.spec.template.spec.initContainers;
    assert.equal(init.image, 'jaegertracing/jaeger:2.21.0');
    assert.match(init.command[2], /until wget .*_cluster\/health\?wait_for_status=yellow/);
  });
});
