/** Object names as the API server takes them, and one object per kind, namespace and name. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { addManifest, editManifest, problemsIn, renderedKubernetes } from './fixtures';

describe('object names', () => {
  it('accepts the names the renderers give', () => {
    assert.deepEqual(problemsIn(renderedKubernetes()).filter((p) => p.check === 'name'), []);
  });

  it('refuses a name Kubernetes refuses, by the rule of its kind', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'grafana.yaml', 'ConfigMap', 'grafana-datasources', (d) => {
      d.metadata.name = 'Grafana_Datasources';
    });
    // A ConfigMap may be named like a DNS subdomain; a Service only like a DNS label that starts with a letter.
    editManifest(dir, 'loki.yaml', 'Service', 'loki', (d) => {
      d.metadata.name = '3loki';
    });
    const problems = problemsIn(dir).filter((p) => p.check === 'name');
    assert.deepEqual(problems.map((p) => `${p.file} ${p.object} ${p.path}`).sort(), ['k8s/prod/grafana.yaml ConfigMap/Grafana_Datasources .metadata.name', 'k8s/prod/loki.yaml Service/3loki .metadata.name']);
    assert.match(problems.find((p) => p.object === 'Service/3loki')!.message, /starting with a letter/);
  });

  it('refuses a second object of one kind, namespace and name, and takes the same name in another namespace', () => {
    const dir = renderedKubernetes();
    const again = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'loki-config', namespace: 'monitoring' }, data: {} };
    addManifest(dir, 'zz-again.yaml', again);
    addManifest(dir, 'other.yaml', { ...again, metadata: { ...again.metadata, namespace: 'elsewhere' } });
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8').replace('resources:\n', 'resources:\n  - zz-again.yaml\n  - other.yaml\n'));
    const problems = problemsIn(dir).filter((p) => p.check === 'name');
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0].message, /a second ConfigMap named "loki-config" in this namespace \(the first in k8s\/prod\/loki\.yaml\)/);
  });
});
