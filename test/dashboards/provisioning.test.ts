import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCompose } from '../../src/render/compose/renderer';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { checkDashboardSize, dashboardConfigMapBytes, MAX_CONFIGMAP_BYTES } from '../../constructs/dashboard-size';
import { manifests, stackOf } from '../helpers/stack';
import * as yaml from 'js-yaml';
import { buildDashboards } from '../../dashboards';
import { ALL_JOBS, CONTRACT_RECORDED_SERIES, dashboardsFor } from './helpers';

describe('dashboard provisioning', () => {
  for (const env of ['dev', 'staging', 'prod']) {
    it(`gives each dashboard of ${env} a ConfigMap labelled for the sidecar and the same bytes in compose`, () => {
      const stack = stackOf(env);
      const dashboards = stack.grafana!.provisionedDashboards;
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
    const titles = stack.grafana!.provisionedDashboards.map((d) => d.title);
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

  it('provisions the SLO dashboard only where rules record its series', () => {
    const titles = (recorded: string[]) => buildDashboards({ jobs: ALL_JOBS, recordedSeries: new Set(recorded) }).map((d) => d.title);
    assert.ok(!titles([]).includes('Service Level Objectives'));
    assert.ok(!titles(CONTRACT_RECORDED_SERIES.slice(1)).includes('Service Level Objectives'));
    assert.ok(titles([...CONTRACT_RECORDED_SERIES]).includes('Service Level Objectives'));
  });

  it('decides the dashboards when the stack is described, seeing rules added after construction', () => {
    const stack = stackOf('dev');
    const hasSlo = () => stack.grafana!.provisionedDashboards.some((d) => d.title === 'Service Level Objectives');
    assert.equal(hasSlo(), CONTRACT_RECORDED_SERIES.every((s) => stack.recordedSeries.has(s)));
    const rules = CONTRACT_RECORDED_SERIES.map((record) => ({ record, expr: 'vector(0)', labels: { slo: 'request-success' } }));
    stack.prometheus!.addRuleFile('slo-test.yml', yaml.dump({ groups: [{ name: 'slo-test', rules }] }));
    assert.ok(stack.recordedSeries.has('slo:objective:ratio'));
    assert.ok(hasSlo());
  });
});
