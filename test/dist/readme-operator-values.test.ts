/**
 * The README's kube-prometheus-stack values, exactly as printed, against the operator target's output:
 * each selector they set matches the resources it is meant to pick up, the Alertmanager names the
 * routing Secret and mounts the receivers' Secret where the routing reads it, and the Grafana sidecars'
 * labels and folder annotation are the ones the ConfigMaps carry.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { RECEIVERS_SECRET } from '../../constructs';
import { renderOperator } from '../../src/render/operator/renderer';
import { stackOf } from '../helpers/stack';

const README = path.resolve(__dirname, '..', '..', '..', 'README.md');

type Doc = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: any; data?: Record<string, string>; stringData?: Record<string, string> };
type Selector = { matchLabels?: Record<string, string> };

/** The yaml block that follows the sentence introducing the values. */
function valuesBlock(readme: string): any {
  const at = readme.indexOf('Values for kube-prometheus-stack that pick the resources up');
  assert.ok(at >= 0, 'the README introduces its values');
  const m = /```yaml\n([\s\S]*?)```/.exec(readme.slice(at));
  return yaml.load(m![1]);
}

const matches = (selector: Selector | undefined, labels: Record<string, string> = {}) =>
  selector !== undefined && Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);

describe("the README's kube-prometheus-stack values", () => {
  const values = valuesBlock(fs.readFileSync(README, 'utf8'));
  const stack = stackOf('prod');
  stack.prometheus!.addScrapeJob({ jobName: 'parameter-server', render: () => ({ job_name: 'parameter-server', static_configs: [{ targets: ['ps.fedrl.svc:9102'] }] }) });
  const docs = [...renderOperator(stack)].filter(([f]) => f !== 'kustomization.yaml').flatMap(([, text]) => yaml.loadAll(text) as Doc[]).filter(Boolean);
  const spec = values.prometheus.prometheusSpec;

  it("select every monitor, ScrapeConfig and PrometheusRule by the labels it carries", () => {
    const selectorOf: Record<string, Selector> = {
      ServiceMonitor: spec.serviceMonitorSelector,
      PodMonitor: spec.podMonitorSelector,
      PrometheusRule: spec.ruleSelector,
      ScrapeConfig: spec.scrapeConfigSelector,
    };
    for (const kind of Object.keys(selectorOf)) {
      const picked = docs.filter((d) => d.kind === kind);
      assert.ok(picked.length > 0, `the output has a ${kind}`);
      for (const d of picked) assert.ok(matches(selectorOf[kind], d.metadata.labels), `${kind}/${d.metadata.name} is selected by ${JSON.stringify(selectorOf[kind])}`);
    }
  });

  it('name the routing Secret, in the namespace the environment gives the cluster Alertmanager, and mount the receivers where the routing reads them', () => {
    const am = values.alertmanager.alertmanagerSpec;
    const secret = docs.find((d) => d.kind === 'Secret' && d.metadata.name === am.configSecret);
    assert.ok(secret, `a Secret named ${am.configSecret}`);
    assert.equal(secret!.metadata.namespace, stack.environment.operator.namespace);
    assert.deepEqual(am.secrets, [RECEIVERS_SECRET]);
    // The operator mounts each of alertmanagerSpec.secrets at /etc/alertmanager/secrets/<name>/.
    const files = [...secret!.stringData!['alertmanager.yaml'].matchAll(/_file: (\S+)/g)].map((m) => m[1]);
    assert.ok(files.length > 0);
    for (const file of files) assert.ok(file.startsWith(`/etc/alertmanager/secrets/${RECEIVERS_SECRET}/`), file);
  });

  it('give the Grafana sidecars the labels, value and folder annotation the ConfigMaps carry', () => {
    const sidecar = values.grafana.sidecar;
    const dashboards = docs.filter((d) => d.kind === 'ConfigMap' && d.metadata.labels?.[sidecar.dashboards.label] === sidecar.dashboards.labelValue);
    assert.equal(dashboards.length, stack.grafana!.provisionedDashboards.length);
    for (const d of dashboards) assert.ok(d.metadata.annotations?.[sidecar.dashboards.folderAnnotation], d.metadata.name);
    const datasources = docs.filter((d) => d.kind === 'ConfigMap' && d.metadata.labels?.[sidecar.datasources.label] === sidecar.datasources.labelValue);
    assert.equal(datasources.length, 1);
    // The stack's Prometheus datasource is the default one, so the chart's own must be off.
    assert.match(Object.values(datasources[0].data!)[0], /isDefault: true/);
    assert.equal(sidecar.datasources.defaultDatasourceEnabled, false);
    for (const d of [...dashboards, ...datasources]) assert.equal(d.metadata.namespace, stack.environment.operator.namespace);
  });
});
