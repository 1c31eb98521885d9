import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { Loki } from '../../constructs';
import { composeServices, findManifest, kubernetesObjects, mainContainer, stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = any;

function lokiConfig(env: string): Config {
  const cm = findManifest(kubernetesObjects(stackOf(env), 'loki'), 'ConfigMap', 'loki-config');
  return yaml.load(cm.data['loki.yaml']);
}

describe('Loki', () => {
  it('stores on the filesystem with the v13 schema and a TSDB index', () => {
    const config = lokiConfig('dev');
    assert.deepEqual(config.schema_config.configs.map((c: Config) => [c.store, c.object_store, c.schema]), [['tsdb', 'filesystem', 'v13']]);
    assert.equal(config.common.storage.filesystem.chunks_directory, '/loki/chunks');
    assert.equal(config.limits_config.allow_structured_metadata, true);
  });

  it('keeps logs as long as each environment says, with the compactor deleting older ones', () => {
    assert.equal(lokiConfig('dev').limits_config.retention_period, '72h');
    assert.equal(lokiConfig('staging').limits_config.retention_period, '336h');
    assert.equal(lokiConfig('prod').limits_config.retention_period, '720h');
    // Nothing older than it keeps is accepted: dev keeps 72h, so it refuses lines older than that.
    assert.equal(lokiConfig('dev').limits_config.reject_old_samples_max_age, '72h');
    assert.equal(lokiConfig('prod').limits_config.reject_old_samples_max_age, '168h');
    const compactor = lokiConfig('prod').compactor;
    assert.equal(compactor.retention_enabled, true);
    assert.equal(compactor.delete_request_store, 'filesystem');
  });

  it('persists its data on a volume sized per environment and is probed on /ready', () => {
    const sts = findManifest(kubernetesObjects(stackOf('prod'), 'loki'), 'StatefulSet', 'loki');
    assert.equal(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage, '200Gi');
    const container = mainContainer(sts);
    assert.equal(container.readinessProbe.httpGet.path, '/ready');
    assert.equal(container.resources.limits.memory, '8Gi');
    assert.equal(container.securityContext.readOnlyRootFilesystem, true);
    assert.equal(container.securityContext.runAsUser, 10001);
  });

  it('has a real healthcheck in compose: Loki\'s own -health, as its distroless image has no busybox', () => {
    const loki = composeServices(stackOf('dev')).loki;
    assert.deepEqual(loki.healthcheck.test, ['CMD', '/usr/bin/loki', '-health', '-health.url=http://127.0.0.1:3100/ready']);
    assert.ok(loki.volumes.includes('loki-data:/loki'));
  });

  it('refuses more than one copy of the filesystem single binary', () => {
    assert.throws(() => new Loki(stackOf('dev'), 'second', { replicas: 2 }), /replicas must|runs one copy/);
  });
});
