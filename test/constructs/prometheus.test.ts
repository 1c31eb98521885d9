import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { ComposePlatform } from '../../src/render/compose/platform';
import { KubernetesPlatform } from '../../src/render/kubernetes/platform';
import { findManifest, kubernetesSpecs, manifests, specNamed, stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = any;

describe('Prometheus', () => {
  it('runs as a StatefulSet with a volume claim sized per environment', () => {
    const docs = manifests(renderKubernetes(stackOf('prod')).get('prometheus.yaml')!);
    const sts = findManifest(docs, 'StatefulSet', 'prometheus');
    assert.equal(sts.spec.replicas, 2);
    assert.equal(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage, '200Gi');
    assert.ok(sts.spec.template.spec.containers[0].args.includes('--storage.tsdb.retention.time=30d'));
  });

  it('keeps the lifecycle API (/-/quit, /-/reload) off: its port is open to the cluster', () => {
    const spec = specNamed(kubernetesSpecs('prod'), 'prometheus');
    assert.ok(!spec.args!.includes('--web.enable-lifecycle'));
  });

  it('gets read-only, cluster-wide discovery access and nothing more', () => {
    const docs = manifests(renderKubernetes(stackOf('dev')).get('prometheus.yaml')!);
    const role = findManifest(docs, 'ClusterRole', 'monstack-monitoring-prometheus');
    const verbs = new Set(role.rules.flatMap((r: { verbs: string[] }) => r.verbs));
    assert.deepEqual([...verbs].sort(), ['get', 'list', 'watch']);
    const binding = findManifest(docs, 'ClusterRoleBinding', 'monstack-monitoring-prometheus');
    assert.deepEqual(binding.subjects, [{ kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring' }]);
    const sts = findManifest(docs, 'StatefulSet', 'prometheus');
    assert.equal(sts.spec.template.spec.serviceAccountName, 'prometheus');
  });

  it('discovers the application by pod label in Kubernetes and by address in compose', () => {
    const stack = stackOf('dev');
    const k8s: Config = yaml.load(stack.prometheus!.renderConfig(new KubernetesPlatform('monitoring')));
    const app = k8s.scrape_configs.find((j: Config) => j.job_name === 'dynamic-graph-fed-rl');
    assert.equal(app.metrics_path, '/metrics');
    assert.equal(app.kubernetes_sd_configs[0].role, 'pod');
    assert.ok(app.relabel_configs.some((r: Config) => r.regex === 'dynamic-graph-fed-rl' && r.action === 'keep'));
    const compose: Config = yaml.load(stack.prometheus!.renderConfig(new ComposePlatform()));
    const composeApp = compose.scrape_configs.find((j: Config) => j.job_name === 'dynamic-graph-fed-rl');
    assert.deepEqual(composeApp.static_configs, [{ targets: ['host.docker.internal:8000'] }]);
  });

  it('scrapes itself, node-exporter and Alertmanager, and sends alerts to every Alertmanager copy', () => {
    const config: Config = yaml.load(stackOf('prod').prometheus!.renderConfig(new KubernetesPlatform('monitoring')));
    const jobs = config.scrape_configs.map((j: Config) => j.job_name);
    for (const job of ['prometheus', 'alertmanager', 'node-exporter', 'grafana']) assert.ok(jobs.includes(job), `job ${job} in ${jobs}`);
    const am = config.alerting.alertmanagers[0];
    assert.equal(am.kubernetes_sd_configs[0].role, 'endpointslice');
    assert.equal(am.relabel_configs[0].regex, 'alertmanager;http');
    assert.deepEqual(config.global.external_labels, { environment: 'prod' });
  });

  it('refuses a rule file name that Prometheus would not load', () => {
    assert.throws(() => stackOf('dev').prometheus!.addRuleFile('Rules.txt', ''), /lower-case \.yaml file name/);
    assert.throws(() => stackOf('dev').prometheus!.addRuleFile(`${'r'.repeat(249)}.yaml`, 'groups: []\n'), /254 characters long: a ConfigMap key, at most 253/);
    stackOf('dev').prometheus!.addRuleFile(`${'r'.repeat(248)}.yaml`, 'groups: []\n');
  });

  it('takes extra scrape jobs', () => {
    const stack = stackOf('dev');
    stack.prometheus!.addScrapeJob({ jobName: 'pushgateway', render: () => ({ job_name: 'pushgateway', static_configs: [{ targets: ['pushgateway:9091'] }] }) });
    const config: Config = yaml.load(stack.prometheus!.renderConfig(new ComposePlatform()));
    assert.ok(config.scrape_configs.some((j: Config) => j.job_name === 'pushgateway'));
    assert.throws(() => stack.prometheus!.addScrapeJob({ jobName: 'pushgateway', render: () => ({}) }), /exists already/);
  });

  it('may reach anything: the application lives outside the stack', () => {
    assert.equal(specNamed(kubernetesSpecs('dev'), 'prometheus').externalEgress, 'any');
  });
});
