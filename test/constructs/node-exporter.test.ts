import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { renderCompose } from '../../src/render/compose/renderer';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { findManifest, manifests, stackOf } from '../helpers/stack';

describe('node-exporter', () => {
  it('runs on every node with the host namespaces it needs, waived by name', () => {
    const docs = manifests(renderKubernetes(stackOf('dev')).get('node-exporter.yaml')!);
    const ds = findManifest(docs, 'DaemonSet', 'node-exporter');
    const pod = ds.spec.template.spec;
    assert.equal(pod.hostPID, true);
    assert.equal(pod.hostNetwork, true);
    assert.deepEqual(pod.volumes.map((v: { hostPath: { path: string } }) => v.hostPath.path), ['/proc', '/sys', '/']);
    assert.ok(pod.containers[0].volumeMounts.every((m: { readOnly: boolean }) => m.readOnly));
    assert.equal(pod.containers[0].securityContext.runAsNonRoot, true);
    assert.equal(ds.metadata.annotations?.['monstack.dev/exceptions'], 'hostPID,hostNetwork,hostPath');
  });

  it('the per-node agents run on tainted nodes too (GPU nodes, where training runs)', () => {
    const out = renderKubernetes(stackOf('prod'));
    for (const name of ['node-exporter', 'cadvisor', 'promtail']) {
      const ds = findManifest(manifests(out.get(`${name}.yaml`)!), 'DaemonSet', name);
      assert.deepEqual(ds.spec.template.spec.tolerations, [{ operator: 'Exists' }], name);
    }
    const prometheus = findManifest(manifests(out.get('prometheus.yaml')!), 'StatefulSet', 'prometheus');
    assert.equal(prometheus.spec.template.spec.tolerations, undefined);
  });

  it('mounts /proc, /sys and the root filesystem read-only in compose', () => {
    const compose = yaml.load(renderCompose(stackOf('dev')).get('docker-compose.monitoring.yml')!) as { services: Record<string, { volumes: string[]; pid: string }> };
    assert.deepEqual(compose.services['node-exporter'].volumes, ['/proc:/host/proc:ro', '/sys:/host/sys:ro', '/:/host/root:ro']);
    assert.equal(compose.services['node-exporter'].pid, 'host');
  });
});
