import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { Construct } from 'constructs';
import { RedisExporter } from '../../constructs';
import { composeEnvFile, kubernetesSecrets, secretRefs } from '../../src/commands/secrets';
import { accessRows } from '../../src/commands/list';
import { loadEnvironment } from '../../src/config/load';
import { renderCompose } from '../../src/render/compose/renderer';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { findManifest, kubernetesSpecs, manifests, stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

describe('redis-exporter', () => {
  it("reads the environment's Redis address and takes the password from a Secret, never inline", () => {
    const files = renderKubernetes(stackOf('prod'));
    const deployment = findManifest(manifests(files.get('redis-exporter.yaml')!), 'Deployment', 'redis-exporter');
    const container = deployment.spec.template.spec.containers[0];
    const env = Object.fromEntries(container.env.map((e: Doc) => [e.name, e]));
    assert.equal(env.REDIS_ADDR.value, 'redis://redis.fedrl.svc.cluster.local:6379');
    assert.deepEqual(env.REDIS_PASSWORD.valueFrom, { secretKeyRef: { name: 'redis-exporter', key: 'password' } });
    assert.equal(env.REDIS_PASSWORD.value, undefined);
    assert.equal(container.securityContext.runAsNonRoot, true);
    assert.equal(container.securityContext.runAsUser, 59000);
    assert.equal(container.readinessProbe.httpGet.path, '/health');
    // No Secret object is rendered: the user creates it.
    assert.ok(![...files.values()].some((text) => manifests(text).some((d) => d.kind === 'Secret')));
  });

  it('may open connections to the Redis port and nothing else', () => {
    const policy = findManifest(manifests(renderKubernetes(stackOf('dev')).get('network-policies.yaml')!), 'NetworkPolicy', 'redis-exporter');
    assert.deepEqual(policy.spec.egress, [{ ports: [{ port: 6379, protocol: 'TCP' }] }]);
    assert.deepEqual(policy.spec.ingress[0].from, [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/part-of': 'monstack' } } }]);
  });

  it('reads the password from a required compose variable and can reach a Redis on the host', () => {
    const svc = (yaml.load(renderCompose(stackOf('dev')).get('docker-compose.monitoring.yml')!) as Doc).services['redis-exporter'];
    assert.equal(svc.environment.REDIS_PASSWORD, '${REDIS_EXPORTER_PASSWORD:?set REDIS_EXPORTER_PASSWORD in .env, see monstack secrets}');
    assert.equal(svc.environment.REDIS_ADDR, 'redis://host.docker.internal:6379');
    assert.deepEqual(svc.extra_hosts, ['host.docker.internal:host-gateway']);
    // FROM scratch: no tool for a healthcheck (the validators' x-monstack-no-healthcheck waiver).
    assert.equal(svc.healthcheck, undefined);
  });

  it('leaves a placeholder for the user-provided password in .env and a kubectl hint, never a value', () => {
    const refs = secretRefs(kubernetesSpecs('dev'));
    const env = composeEnvFile(refs, () => 'GENERATED');
    assert.match(env, /^# REDIS_EXPORTER_PASSWORD=$/m);
    assert.doesNotMatch(env, /^REDIS_EXPORTER_PASSWORD=/m);
    assert.match(env, /^GRAFANA_ADMIN_PASSWORD=GENERATED$/m);
    const k8s = kubernetesSecrets(refs, 'monitoring', () => 'GENERATED');
    assert.match(k8s, /create secret generic redis-exporter --from-file=password=/);
    assert.ok(!manifests(k8s).some((d) => d.metadata.name === 'redis-exporter'));
    const row = accessRows(kubernetesSpecs('dev'), loadEnvironment('dev')).find((r) => r.service === 'redis-exporter')!;
    assert.match(row.credentials, /you provide it/);
    assert.match(row.credentials, /\$REDIS_EXPORTER_PASSWORD in \.env/);
  });

  it('reads the compose address in compose and the cluster address in Kubernetes', () => {
    const svc = (yaml.load(renderCompose(stackOf('prod')).get('docker-compose.monitoring.yml')!) as Doc).services['redis-exporter'];
    assert.equal(svc.environment.REDIS_ADDR, 'redis://host.docker.internal:6379');
    const staging = findManifest(manifests(renderKubernetes(stackOf('staging')).get('redis-exporter.yaml')!), 'Deployment', 'redis-exporter');
    const addr = staging.spec.template.spec.containers[0].env.find((e: Doc) => e.name === 'REDIS_ADDR').value;
    assert.equal(addr, 'redis://redis.fedrl-staging.svc.cluster.local:6379');
  });

  it('is scraped as job redis-exporter', () => {
    const config: Doc = yaml.load(renderCompose(stackOf('dev')).get('config/prometheus-config/prometheus.yml')!);
    assert.ok(config.scrape_configs.some((j: Doc) => j.job_name === 'redis-exporter' && j.static_configs[0].targets[0] === 'redis-exporter:9121'));
  });

  it('refuses an address without a port, naming the prop', () => {
    assert.throws(() => new RedisExporter(new Construct(undefined as never, ''), 'r', { redisAddress: { cluster: 'redis', compose: 'redis:6379' } }), /RedisExporterProps\.redisAddress\.cluster: "redis" is not a host:port/);
  });
});
