import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { renderCompose } from '../../src/render/compose/renderer';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { findManifest, manifests, stackOf } from '../helpers/stack';

describe('Grafana', () => {
  it('takes the admin password from a Secret, never a literal', () => {
    const docs = manifests(renderKubernetes(stackOf('dev')).get('grafana.yaml')!);
    const env = findManifest(docs, 'Deployment', 'grafana').spec.template.spec.containers[0].env;
    const password = env.find((e: { name: string }) => e.name === 'GF_SECURITY_ADMIN_PASSWORD');
    assert.deepEqual(password.valueFrom, { secretKeyRef: { name: 'grafana-admin', key: 'password' } });
  });

  it('keeps its bundled plugins as shipped: no auto-update on the read-only root, in both targets', () => {
    const docs = manifests(renderKubernetes(stackOf('prod')).get('grafana.yaml')!);
    const env = findManifest(docs, 'Deployment', 'grafana').spec.template.spec.containers[0].env;
    assert.equal(env.find((e: { name: string }) => e.name === 'GF_PLUGINS_PREINSTALL_AUTO_UPDATE').value, 'false');
    const compose = yaml.load(renderCompose(stackOf('dev')).get('docker-compose.monitoring.yml')!) as { services: Record<string, { environment: Record<string, string> }> };
    assert.equal(compose.services.grafana.environment.GF_PLUGINS_PREINSTALL_AUTO_UPDATE, 'false');
  });

  it('requires the admin password variable in compose', () => {
    const compose = yaml.load(renderCompose(stackOf('dev')).get('docker-compose.monitoring.yml')!) as { services: Record<string, { environment: Record<string, string> }> };
    assert.match(compose.services.grafana.environment.GF_SECURITY_ADMIN_PASSWORD, /^\$\{GRAFANA_ADMIN_PASSWORD:\?/);
  });

  it('provisions the Prometheus datasource with a fixed uid, the same bytes in both targets', () => {
    const stack = stackOf('dev');
    const k8sDocs = manifests(renderKubernetes(stack).get('grafana.yaml')!);
    const k8sFile = findManifest(k8sDocs, 'ConfigMap', 'grafana-datasources').data['datasources.yaml'];
    const composeFile = renderCompose(stackOf('dev')).get('config/grafana-datasources/datasources.yaml');
    assert.equal(k8sFile, composeFile);
    const ds = (yaml.load(k8sFile!) as { datasources: { uid: string; url: string; isDefault: boolean }[] }).datasources;
    const prometheus = ds.find((d) => d.uid === 'prometheus');
    assert.equal(prometheus?.url, 'http://prometheus:9090');
    assert.equal(prometheus?.isDefault, true);
  });

  it('refuses two dashboards with one uid', () => {
    const grafana = stackOf('dev').grafana!;
    grafana.addDashboard({ uid: 'custom', title: 'Custom', json: '{}' });
    assert.throws(() => grafana.addDashboard({ uid: 'custom', title: 'Again', json: '{}' }), /uid "custom" is taken/);
  });

  it('refuses a datasource uid Grafana would not provision', () => {
    const grafana = stackOf('dev').grafana!;
    const ds = (uid: string) => ({ uid, name: uid, type: 'prometheus', url: 'http://thanos:9090', service: { name: 'thanos', port: 9090 } });
    for (const uid of ['a/b', '../x', '', 'x'.repeat(41), 'thanos query']) assert.throws(() => grafana.addDatasource(ds(uid)), /must be 1-40 letters, digits, "-" and "_"/, uid);
    grafana.addDatasource(ds('Thanos_Query-1'));
  });
});
