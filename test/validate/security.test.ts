import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editManifest, problemAt, problemsIn, renderedKubernetes } from './fixtures';

const CONTAINER = '.spec.template.spec.containers[0]';

describe('Kubernetes security baseline', () => {
  it('requires each part of the restricted baseline on every container', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'grafana.yaml', 'Deployment', 'grafana', (d) => {
      const c = d.spec.template.spec.containers[0];
      c.securityContext.runAsNonRoot = false;
      c.securityContext.readOnlyRootFilesystem = false;
      c.securityContext.allowPrivilegeEscalation = true;
      c.securityContext.capabilities = { drop: ['NET_RAW'] };
      delete c.securityContext.seccompProfile;
      delete d.spec.template.spec.securityContext.seccompProfile;
      delete c.resources.limits.memory;
      c.image = 'grafana/grafana:latest';
    });
    const problems = problemsIn(dir).filter((p) => p.check === 'security');
    const byPath = (part: string) => problemAt(problems, 'security', part);
    assert.match(byPath(`${CONTAINER}.securityContext.runAsNonRoot`).message, /must run as non-root \(runAsNonRoot: true\) \(check runAsNonRoot/);
    assert.match(byPath(`${CONTAINER}.securityContext.readOnlyRootFilesystem`).message, /check readOnlyRootFilesystem/);
    assert.match(byPath(`${CONTAINER}.securityContext.allowPrivilegeEscalation`).message, /check allowPrivilegeEscalation/);
    assert.match(byPath(`${CONTAINER}.securityContext.capabilities.drop`).message, /must drop ALL capabilities/);
    assert.match(byPath(`${CONTAINER}.securityContext.seccompProfile`).message, /RuntimeDefault/);
    assert.match(byPath(`${CONTAINER}.resources.limits.memory`).message, /has no memory limit/);
    assert.match(byPath(`${CONTAINER}.image`).message, /grafana\/grafana:latest uses the "latest" tag/);
    assert.ok(problems.every((p) => p.object === 'Deployment/grafana' && p.file === 'k8s/prod/grafana.yaml'));
  });

  it('flags UID 0 even with runAsNonRoot set, and an unpinned image', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'prometheus.yaml', 'StatefulSet', 'prometheus', (d) => {
      d.spec.template.spec.containers[0].securityContext.runAsUser = 0;
      d.spec.template.spec.containers[0].image = 'prom/prometheus';
    });
    const problems = problemsIn(dir);
    assert.match(problemAt(problems, 'security', 'runAsUser').message, /runs as UID 0/);
    assert.match(problemAt(problems, 'security', `${CONTAINER}.image`).message, /prom\/prometheus has no tag/);
  });

  it('accepts host access only where the exceptions annotation names it', () => {
    const dir = renderedKubernetes();
    // node-exporter states hostPID, hostNetwork and host mounts: clean as rendered.
    assert.deepEqual(problemsIn(dir).filter((p) => p.object === 'DaemonSet/node-exporter'), []);
    editManifest(dir, 'node-exporter.yaml', 'DaemonSet', 'node-exporter', (d) => {
      d.spec.template.metadata.annotations['monstack.dev/exceptions'] = 'hostNetwork';
    });
    const problems = problemsIn(dir).filter((p) => p.object === 'DaemonSet/node-exporter');
    assert.equal(problemAt(problems, 'security', '.spec.template.spec.hostPID').message, 'shares the host PID namespace (check hostPID; waive only with a stated privilege)');
    assert.equal(problems.filter((p) => p.message.startsWith('mounts host path')).length, 3);
    assert.equal(problems.length, 4);
  });

  it('does not let a waiver for one check excuse another', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'node-exporter.yaml', 'DaemonSet', 'node-exporter', (d) => {
      d.spec.template.spec.containers[0].securityContext.privileged = true;
    });
    assert.match(problemAt(problemsIn(dir), 'security', 'securityContext.privileged').message, /runs privileged \(check privileged/);
  });

  it('checks init containers too', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'grafana.yaml', 'Deployment', 'grafana', (d) => {
      d.spec.template.spec.initContainers = [{ name: 'init', image: 'busybox:1.37.0', securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }, resources: { limits: { cpu: '10m', memory: '8Mi' } } }];
    });
    const problems = problemsIn(dir).filter((p) => (p.path ?? '').startsWith('.spec.template.spec.initContainers[0]'));
    assert.deepEqual(problems.map((p) => p.path).sort(), ['.spec.template.spec.initContainers[0].resources.requests.cpu', '.spec.template.spec.initContainers[0].resources.requests.memory']);
  });
});
