import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { addManifest, editManifest, problemAt, problemsIn, renderedCompose, renderedKubernetes } from './fixtures';

describe('strict Kubernetes 1.28 schema', () => {
  it('accepts what the renderers produce for every built-in environment', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      assert.deepEqual(problemsIn(renderedKubernetes(env), env), [], `k8s/${env}`);
      assert.deepEqual(problemsIn(renderedCompose(env), env), [], `compose/${env}`);
    }
  });

  it('rejects an unknown field, naming file, object and path', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'prometheus.yaml', 'StatefulSet', 'prometheus', (d) => {
      d.spec.template.spec.containers[0].securityContext.runAsNonRot = true;
    });
    const p = problemAt(problemsIn(dir), 'schema', 'runAsNonRot');
    assert.equal(p.file, 'k8s/prod/prometheus.yaml');
    assert.equal(p.object, 'StatefulSet/prometheus');
    assert.equal(p.path, '.spec.template.spec.containers[0].securityContext.runAsNonRot');
    assert.equal(p.message, 'unknown field "runAsNonRot"');
  });

  it('rejects unknown fields in nested objects reached through $ref (metadata)', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'grafana.yaml', 'Service', 'grafana', (d) => {
      d.metadata.label = { a: 'b' };
    });
    assert.equal(problemAt(problemsIn(dir), 'schema', '.metadata.label').message, 'unknown field "label"');
  });

  it('checks int-or-string fields as one message', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'grafana.yaml', 'Deployment', 'grafana', (d) => {
      d.spec.template.spec.containers[0].readinessProbe.httpGet.port = 1.5;
    });
    const p = problemAt(problemsIn(dir), 'schema', 'readinessProbe.httpGet.port');
    assert.equal(p.path, '.spec.template.spec.containers[0].readinessProbe.httpGet.port');
    assert.match(p.message, /integer or a string/);
  });

  it('reports missing required fields and wrong types', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'alertmanager.yaml', 'StatefulSet', 'alertmanager', (d) => {
      delete d.spec.template.spec.containers[0].name;
      d.spec.replicas = 'three';
    });
    const problems = problemsIn(dir);
    assert.equal(problemAt(problems, 'schema', '.spec.template.spec.containers[0]').message, 'missing required field "name"');
    assert.equal(problemAt(problems, 'schema', '.spec.replicas').message, 'must be integer');
  });

  it('keeps int32 fields in range', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'alertmanager.yaml', 'StatefulSet', 'alertmanager', (d) => {
      d.spec.replicas = 2 ** 31;
    });
    assert.match(problemAt(problemsIn(dir), 'schema', '.spec.replicas').message, /int32/);
  });

  it('rejects two entries with the same key in a list-map (x-kubernetes-list-map-keys)', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'alertmanager.yaml', 'Service', 'alertmanager-peers', (d) => {
      d.spec.ports.push({ name: 'again', port: 9094, protocol: 'UDP', targetPort: 'cluster-udp' });
    });
    const p = problemAt(problemsIn(dir), 'schema', '.spec.ports');
    assert.equal(p.object, 'Service/alertmanager-peers');
    assert.match(p.message, /two entries with the same port\+protocol \[9094,"UDP"\]/);
  });

  it('names kinds it has no schema for', () => {
    const dir = renderedKubernetes();
    addManifest(dir, 'extra.yaml', { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'x', namespace: 'monitoring' } });
    const p = problemAt(problemsIn(dir), 'schema', '.kind');
    assert.equal(p.file, 'k8s/prod/extra.yaml');
    assert.match(p.message, /monitoring.coreos.com\/v1 ServiceMonitor is not a Kubernetes 1.28 kind/);
  });

  it('reports YAML that does not parse', () => {
    const dir = renderedKubernetes();
    fs.writeFileSync(`${dir}/broken.yaml`, 'a: [\n');
    const problems = problemsIn(dir).filter((p) => p.file === 'k8s/prod/broken.yaml');
    assert.equal(problems[0].check, 'syntax');
    assert.match(problems[0].message, /not valid YAML/);
  });
});
