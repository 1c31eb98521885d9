import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCompose } from '../../src/render/compose/renderer';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { checkDashboardSize, dashboardConfigMapBytes, MAX_CONFIGMAP_BYTES } from '../../src/checks/dashboard-size';
import { manifests, stackOf } from '../helpers/stack';
import { ALL_JOBS, dashboardsFor } from './helpers';

describe('dashboard provisioning', () => {
  for (const env of ['dev', 'staging', 'prod']) {
    it(`gives each dashboard of ${env} a ConfigMap labelled for the sidecar and the same bytes in compose`, () => {
      const stack = stackOf(env);
      const dashboards = stack.grafana!.dashboardList;
      assert.ok(dashboards.length >= 3);
      const docs = manifests(renderKubernetes(stack).get('grafana.yaml')!);
      const compose = renderCompose(stackOf(env));
      for (const d of dashboards) {
        const cm = docs.find((doc) => doc.kind === 'ConfigMap' && doc.metadata.name === `grafana-dashboard-${d.uid}`);
        assert.ok(cm, `no ConfigMap for ${d.uid}`);
        assert.equal(cm.metadata.labels?.grafana_dashboard, '1');
        assert.equal(cm.data[`${d.uid}.json`], d.json);
        assert.equal(compose.get(`config/grafana-dashboard-${d.uid}/${d.uid}.json`), d.json);
      }
    });
  }

  it('provisions the dashboards of the jobs the environment scrapes', () => {
    const stack = stackOf('dev');
    const titles = stack.grafana!.dashboardList.map((d) => d.title);
    assert.ok(titles.includes('Dynamic Graph Fed-RL - System Overview'));
    assert.equal(titles.includes('Hosts'), stack.scrapeJobs.has('node-exporter'));
    assert.equal(titles.includes('GPUs'), stack.scrapeJobs.has('gpu-exporter'));
  });

  it('keeps every dashboard ConfigMap well under 256 KiB', () => {
    for (const d of dashboardsFor(ALL_JOBS)) {
      const bytes = dashboardConfigMapBytes(d, `grafana-dashboard-${d.uid}`, `${d.uid}.json`);
      assert.ok(bytes < MAX_CONFIGMAP_BYTES / 2, `${d.title}: ${bytes} bytes`);
    }
  });

  it('refuses a dashboard over the limit, naming it', () => {
    const huge = { uid: 'huge', title: 'Huge Board', json: 'x'.repeat(MAX_CONFIGMAP_BYTES) };
    assert.throws(() => checkDashboardSize(huge, 'grafana-dashboard-huge', 'huge.json'), /dashboard "Huge Board" \(uid huge\)/);
    const grafana = stackOf('dev').grafana!;
    assert.throws(() => grafana.addDashboard(huge), /Huge Board/);
  });

  it('refuses a uid that cannot name a ConfigMap', () => {
    const grafana = stackOf('dev').grafana!;
    assert.throws(() => grafana.addDashboard({ uid: 'My_Board', title: 'Mine', json: '{}' }), /lower-case letters, digits and dashes/);
  });
});
