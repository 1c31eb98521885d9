import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { validateOutput } from '../../src/validate';
import { editManifest, problemAt, problemsIn, renderedKubernetes } from './fixtures';

describe('Kubernetes references', () => {
  it('finds a ConfigMap volume whose ConfigMap is not in the output', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'prometheus.yaml', 'StatefulSet', 'prometheus', (d) => {
      d.spec.template.spec.volumes[0].configMap.name = 'prometheus-cfg';
    });
    const p = problemAt(problemsIn(dir), 'reference', 'volumes[0]');
    assert.equal(p.object, 'StatefulSet/prometheus');
    assert.equal(p.path, '.spec.template.spec.volumes[0].configMap.name');
    assert.equal(p.message, 'ConfigMap "prometheus-cfg" is not in the output');
  });

  it('accepts a Secret that `monstack secrets` lists and rejects any other', () => {
    const dir = renderedKubernetes();
    assert.deepEqual(problemsIn(dir).filter((p) => p.check === 'reference'), []);
    // Without the list of user-provided secrets the same reference is dangling.
    const grafana = (problems: readonly { object?: string; message: string }[]) => problems.filter((p) => p.object === 'Deployment/grafana' && p.message.includes('"grafana-admin"'));
    const bare = grafana(validateOutput(dir, { bindAddress: '127.0.0.1' }).problems);
    assert.equal(bare.length, 1);
    assert.match(bare[0].message, /Secret "grafana-admin" is neither in the output nor one that `monstack secrets` lists/);
    editManifest(dir, 'grafana.yaml', 'Deployment', 'grafana', (d) => {
      const env = d.spec.template.spec.containers[0].env.find((e: { name: string }) => e.name === 'GF_SECURITY_ADMIN_PASSWORD');
      env.valueFrom.secretKeyRef.key = 'pass';
    });
    const wrongKey = grafana(problemsIn(dir));
    assert.equal(wrongKey.length, 1);
    assert.match(wrongKey[0].message, /Secret "grafana-admin" key "pass" is not one that `monstack secrets` lists \(password\)/);
  });

  it('finds a missing PVC, ServiceAccount and a mount of an undefined volume', () => {
    const dir = renderedKubernetes();
    let added = -1;
    editManifest(dir, 'grafana.yaml', 'Deployment', 'grafana', (d) => {
      const volumes = d.spec.template.spec.volumes;
      added = d.spec.template.spec.containers[0].volumeMounts.length;
      volumes.find((v: { name: string }) => v.name === 'data').persistentVolumeClaim.claimName = 'other';
      d.spec.template.spec.serviceAccountName = 'grafana-sa';
      d.spec.template.spec.containers[0].volumeMounts.push({ name: 'nowhere', mountPath: '/x' });
    });
    const problems = problemsIn(dir);
    assert.equal(problemAt(problems, 'reference', 'claimName').message, 'PersistentVolumeClaim "other" is not in the output');
    assert.equal(problemAt(problems, 'reference', 'serviceAccountName').message, 'ServiceAccount "grafana-sa" is not in the output');
    assert.equal(problemAt(problems, 'reference', `volumeMounts[${added}]`).message, 'mounts volume "nowhere" that the pod does not define');
  });

  it('finds a Service that selects nothing and a targetPort no container declares', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'grafana.yaml', 'Service', 'grafana', (d) => {
      d.spec.ports[0].targetPort = 'web';
    });
    editManifest(dir, 'prometheus.yaml', 'Service', 'prometheus', (d) => {
      d.spec.selector['app.kubernetes.io/name'] = 'prometheus-server';
    });
    const problems = problemsIn(dir);
    const target = problemAt(problems, 'reference', '.spec.ports[0].targetPort');
    assert.equal(target.object, 'Service/grafana');
    assert.equal(target.message, 'targets port "web"/TCP, which no container of Deployment/grafana declares');
    const selector = problemAt(problems, 'reference', '.spec.selector');
    assert.equal(selector.object, 'Service/prometheus');
    assert.match(selector.message, /selects no pod of any workload/);
  });

  it('finds probes on ports the container does not declare', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'grafana.yaml', 'Deployment', 'grafana', (d) => {
      d.spec.template.spec.containers[0].livenessProbe.httpGet.port = 9999;
    });
    const p = problemAt(problemsIn(dir), 'probe', 'livenessProbe');
    assert.equal(p.path, '.spec.template.spec.containers[0].livenessProbe.httpGet.port');
    assert.equal(p.message, 'probes port 9999, which container "grafana" does not declare');
  });

  it('finds RBAC bindings to a missing role or ServiceAccount', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'prometheus.yaml', 'ClusterRoleBinding', 'monstack-monitoring-prometheus', (d) => {
      d.roleRef.name = 'monstack-prometheus';
      d.subjects[0].name = 'prom';
    });
    const problems = problemsIn(dir);
    assert.equal(problemAt(problems, 'reference', '.roleRef.name').message, 'ClusterRole "monstack-prometheus" is not in the output');
    assert.equal(problemAt(problems, 'reference', '.subjects[0]').message, 'ServiceAccount "monitoring/prom" is not in the output');
  });

  it('finds NetworkPolicy and PodDisruptionBudget selectors that match nothing', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'network-policies.yaml', 'NetworkPolicy', 'grafana', (d) => {
      d.spec.egress[0].to[0].podSelector.matchLabels['app.kubernetes.io/name'] = 'prom';
      d.spec.ingress[0].ports[0].port = 3001;
    });
    editManifest(dir, 'alertmanager.yaml', 'PodDisruptionBudget', 'alertmanager', (d) => {
      d.spec.selector.matchLabels['app.kubernetes.io/name'] = 'am';
    });
    const problems = problemsIn(dir);
    assert.equal(problemAt(problems, 'reference', '.spec.egress[0].to[0].podSelector').message, 'selects no pod in the output');
    assert.equal(problemAt(problems, 'reference', '.spec.ingress[0].ports[0]').message, 'admits port 3001/TCP, which no selected pod declares');
    assert.equal(problemAt(problems, 'reference', '.spec.selector').object, 'PodDisruptionBudget/alertmanager');
  });

  it('finds a StatefulSet without its governing Service and a kustomization out of step with the files', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'alertmanager.yaml', 'StatefulSet', 'alertmanager', (d) => {
      d.spec.serviceName = 'am-peers';
    });
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8').replace('  - grafana.yaml\n', '  - graphana.yaml\n'));
    const problems = problemsIn(dir);
    assert.equal(problemAt(problems, 'reference', '.spec.serviceName').message, 'governing Service "am-peers" is not in the output');
    const kustomize = problems.filter((p) => p.file === 'k8s/prod/kustomization.yaml').map((p) => p.message).sort();
    assert.deepEqual(kustomize, ['does not list grafana.yaml', 'lists graphana.yaml, which does not exist']);
  });
});
