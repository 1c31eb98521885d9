import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { composeEnvFile, secretRefs } from '../../src/commands/secrets';
import { loadEnvironment } from '../../src/config/load';
import { tempDir } from '../helpers/cli';
import { renderCompose } from '../../src/render/compose/renderer';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { findManifest, kubernetesSpecs, manifests, stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

describe('postgres-exporter', () => {
  it('connects with the environment address, database and sslmode; the password comes from a Secret', () => {
    const deployment = findManifest(manifests(renderKubernetes(stackOf('prod')).get('postgres-exporter.yaml')!), 'Deployment', 'postgres-exporter');
    const container = deployment.spec.template.spec.containers[0];
    const env = Object.fromEntries(container.env.map((e: Doc) => [e.name, e]));
    assert.equal(env.DATA_SOURCE_URI.value, 'postgres.fedrl.svc.cluster.local:5432/dgfrl?sslmode=require');
    assert.equal(env.DATA_SOURCE_USER.value, 'postgres_exporter');
    assert.deepEqual(env.DATA_SOURCE_PASS.valueFrom, { secretKeyRef: { name: 'postgres-exporter', key: 'password' } });
    assert.doesNotMatch(env.DATA_SOURCE_URI.value, /@/, 'no credentials in the URI');
    assert.equal(container.securityContext.runAsNonRoot, true);
    assert.equal(container.securityContext.readOnlyRootFilesystem, true);
  });

  it('inherits prod sslmode in staging and takes its own address', () => {
    const deployment = findManifest(manifests(renderKubernetes(stackOf('staging')).get('postgres-exporter.yaml')!), 'Deployment', 'postgres-exporter');
    const uri = deployment.spec.template.spec.containers[0].env.find((e: Doc) => e.name === 'DATA_SOURCE_URI').value;
    assert.equal(uri, 'postgres.fedrl-staging.svc.cluster.local:5432/dgfrl?sslmode=require');
  });

  it('takes the compose address in compose', () => {
    const svc = (yaml.load(renderCompose(stackOf('prod')).get('docker-compose.monitoring.yml')!) as Doc).services['postgres-exporter'];
    assert.equal(svc.environment.DATA_SOURCE_URI, 'host.docker.internal:5432/dgfrl?sslmode=require');
  });

  it('defaults the exporter role and the compose address', () => {
    const postgres = loadEnvironment('dev').application.postgres;
    assert.equal(postgres.exporterUser, 'postgres_exporter');
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'bare.yaml'), 'description: no application section\n');
    const bare = loadEnvironment(path.join(dir, 'bare.yaml')).application;
    assert.equal(bare.postgres.composeAddress, bare.postgres.address);
    assert.equal(bare.redis.composeAddress, bare.redis.address);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(loadEnvironment('staging').application.postgres.composeAddress, 'host.docker.internal:5432');
  });

  it('may reach the Postgres port only', () => {
    const policy = findManifest(manifests(renderKubernetes(stackOf('prod')).get('network-policies.yaml')!), 'NetworkPolicy', 'postgres-exporter');
    assert.deepEqual(policy.spec.egress, [{ ports: [{ port: 5432, protocol: 'TCP' }] }]);
  });

  it('in compose: a required password variable, a wget healthcheck, the host reachable, scraped as postgres-exporter', () => {
    const files = renderCompose(stackOf('dev'));
    const svc = (yaml.load(files.get('docker-compose.monitoring.yml')!) as Doc).services['postgres-exporter'];
    assert.match(svc.environment.DATA_SOURCE_PASS, /^\$\{POSTGRES_EXPORTER_PASSWORD:\?/);
    assert.deepEqual(svc.healthcheck.test, ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:9187/']);
    assert.deepEqual(svc.extra_hosts, ['host.docker.internal:host-gateway']);
    const config: Doc = yaml.load(files.get('config/prometheus-config/prometheus.yml')!);
    assert.ok(config.scrape_configs.some((j: Doc) => j.job_name === 'postgres-exporter' && j.static_configs[0].targets[0] === 'postgres-exporter:9187'));
    assert.match(composeEnvFile(secretRefs(kubernetesSpecs('dev'))), /^# POSTGRES_EXPORTER_PASSWORD=$/m);
  });
});
