import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { renderCompose } from '../../src/render/compose/renderer';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { findManifest, manifests, stackOf } from '../helpers/stack';
import { runTool } from '../helpers/tools';

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

  it('reads the host\'s udev database, not the container\'s, in both targets', () => {
    const docs = manifests(renderKubernetes(stackOf('dev')).get('node-exporter.yaml')!);
    const args: string[] = findManifest(docs, 'DaemonSet', 'node-exporter').spec.template.spec.containers[0].args;
    assert.ok(args.includes('--path.udev.data=/host/root/run/udev/data'), args.join(' '));
    const compose = yaml.load(renderCompose(stackOf('dev')).get('docker-compose.monitoring.yml')!) as { services: Record<string, { command: string[] }> };
    assert.ok(compose.services['node-exporter'].command.includes('--path.udev.data=/host/root/run/udev/data'));
  });

  it('every flag it is given is one node_exporter knows (Debian\'s node_exporter parses them)', () => {
    const docs = manifests(renderKubernetes(stackOf('dev')).get('node-exporter.yaml')!);
    const args: string[] = findManifest(docs, 'DaemonSet', 'node-exporter').spec.template.spec.containers[0].args;
    // --help exits 0 after parsing every flag; an unknown flag is an error.
    const r = runTool('prometheus-node-exporter', [...args, '--help']);
    assert.equal(r.status, 0, r.stderr);
  });
});
