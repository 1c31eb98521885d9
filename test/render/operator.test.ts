/** The operator target: what a cluster running kube-prometheus-stack picks up, checked as the operator and the tools would. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { newStack } from '../../src/build-stack';
import { loadEnvironment } from '../../src/config/load';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { KubernetesPlatform } from '../../src/render/kubernetes/platform';
import { operatorServices, renderOperator } from '../../src/render/operator/renderer';
import { renderMonitors } from '../../src/render/operator/monitors';
import { describeForKubernetes } from '../../src/render/kubernetes/renderer';
import { secretRefs } from '../../src/commands/secrets';
import { validateOperatorOutput } from '../../src/validate';
import { checkOperatorWithTools } from '../../src/validate/operator-tools';
import { targetNamed } from '../../src/targets';
import { stackOf } from '../helpers/stack';
import { requireTool } from '../helpers/tools';
import { tempDir } from '../helpers/temp';

type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any; data?: Record<string, string>; stringData?: Record<string, string> };
const docsOf = (files: Map<string, string>): Doc[] => [...files].filter(([f]) => f !== 'kustomization.yaml').flatMap(([, text]) => yaml.loadAll(text) as Doc[]).filter(Boolean);

function writeOut(files: Map<string, string>): string {
  const dir = tempDir('monstack-operator-');
  for (const [file, text] of files) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

function envFile(text: string): string {
  const dir = tempDir('monstack-operator-env-');
  const file = path.join(dir, 'env.yaml');
  fs.writeFileSync(file, text);
  return file;
}

describe('operator target', () => {
  const stack = stackOf('prod');
  const files = renderOperator(stack);
  const docs = docsOf(files);
  const userSecrets = secretRefs(operatorServices(stack)).map((r) => ({ secret: r.secret, key: r.key }));

  it('runs no Prometheus, Alertmanager or Grafana of its own, and the rest as the k8s target renders it', () => {
    const workloads = docs.filter((d) => ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob'].includes(d.kind)).map((d) => d.metadata.name);
    for (const name of ['prometheus', 'alertmanager', 'grafana', 'node-exporter']) assert.ok(!workloads.includes(name), name);
    for (const name of ['loki', 'promtail', 'jaeger', 'elasticsearch', 'logstash', 'kibana', 'cadvisor']) assert.ok(workloads.includes(name), name);
    const k8s = renderKubernetes(stackOf('prod'));
    for (const name of ['loki', 'promtail', 'jaeger', 'elasticsearch', 'logstash', 'kibana']) assert.equal(files.get(`${name}.yaml`), k8s.get(`${name}.yaml`), name);
  });

  it('monitors every scrape job of a service it runs, and the application', () => {
    const platform = new KubernetesPlatform(stack.environment.namespace);
    const running = new Set(docs.filter((d) => d.kind === 'Service').map((d) => d.metadata.name));
    const expected = stack.prometheus!.stackScrapeTargets(platform).filter((t) => running.has(t.service)).map((t) => t.endpoint.job);
    const monitors = docs.filter((d) => ['ServiceMonitor', 'PodMonitor'].includes(d.kind));
    assert.deepEqual(monitors.map((m) => m.metadata.name).sort(), [...expected, stack.environment.application.job].sort());
    const app = monitors.find((m) => m.metadata.name === stack.environment.application.job)!;
    assert.equal(app.kind, 'PodMonitor');
    assert.deepEqual(app.spec.namespaceSelector, { any: true });
    for (const m of monitors) assert.equal(m.metadata.labels!.release, 'kube-prometheus-stack', m.metadata.name);
    // The job label is the one the rules and dashboards read.
    for (const m of monitors) {
      const endpoint = (m.spec.endpoints ?? m.spec.podMetricsEndpoints)[0];
      assert.deepEqual(endpoint.relabelings[0], { targetLabel: 'job', replacement: m.metadata.name, action: 'replace' });
    }
  });

  it('carries every alert and recording rule of the k8s target in PrometheusRules', () => {
    const rulesOf = (groups: { rules: { alert?: string; record?: string; expr: string }[] }[]) => groups.flatMap((g) => g.rules.map((r) => `${r.alert ?? r.record}=${r.expr}`));
    const fromK8s = docsOf(renderKubernetes(stackOf('prod')))
      .filter((d) => d.kind === 'ConfigMap' && d.metadata.name === 'prometheus-rules')
      .flatMap((d) => Object.values(d.data!).flatMap((text) => rulesOf((yaml.load(text) as { groups: never[] }).groups)));
    const fromOperator = docs.filter((d) => d.kind === 'PrometheusRule').flatMap((d) => rulesOf(d.spec.groups));
    assert.ok(fromK8s.length > 50);
    assert.deepEqual(fromOperator.sort(), fromK8s.sort());
    // The k8s target's Prometheus adds environment as an external label; the routing groups, inhibits and titles by it.
    const k8sConfig = yaml.load(docsOf(renderKubernetes(stackOf('prod'))).find((d) => d.metadata.name === 'prometheus-config')!.data!['prometheus.yml']) as { global: { external_labels: Record<string, string> } };
    const alerts = docs.filter((d) => d.kind === 'PrometheusRule').flatMap((d) => d.spec.groups.flatMap((g: { rules: { alert?: string; labels?: Record<string, string> }[] }) => g.rules.filter((r) => r.alert)));
    assert.ok(alerts.length > 40);
    for (const a of alerts) assert.equal(a.labels?.environment, k8sConfig.global.external_labels.environment, a.alert);
  });

  it('hands the routing to the cluster Alertmanager as a configuration Secret of file references', () => {
    const secret = docs.find((d) => d.kind === 'Secret')!;
    assert.equal(secret.metadata.namespace, stack.environment.operator.namespace);
    const config = yaml.load(secret.stringData!['alertmanager.yaml']) as { receivers: Record<string, unknown>[] };
    const text = JSON.stringify(config);
    assert.match(text, /\/etc\/alertmanager\/secrets\/alertmanager-receivers\//);
    assert.doesNotMatch(text, /"(routing_key|service_key|api_url|url)":/);
  });

  it('gives the Grafana sidecars every dashboard and the datasources at addresses the cluster reaches', () => {
    const dashboards = docs.filter((d) => d.metadata.labels?.grafana_dashboard === '1');
    assert.equal(dashboards.length, stack.grafana!.provisionedDashboards.length);
    const ds = docs.find((d) => d.metadata.labels?.grafana_datasource === '1')!;
    const list = (yaml.load(Object.values(ds.data!)[0]) as { datasources: { type: string; url: string }[] }).datasources;
    const url = (type: string) => list.find((d) => d.type === type)?.url;
    assert.equal(url('prometheus'), stack.environment.operator.prometheusUrl);
    assert.equal(url('loki'), `http://loki.${stack.environment.namespace}.svc:3100`);
    assert.match(url('jaeger')!, /^http:\/\/jaeger\.monitoring\.svc:\d+/);
    assert.match(url('elasticsearch')!, /^https?:\/\/elasticsearch\.monitoring\.svc:9200/);
    // prod signs the stack's own Prometheus in; the cluster's knows nothing of that user or its variable.
    assert.ok(stack.grafana!.datasourceList.find((d) => d.type === 'prometheus')!.basicAuthUser);
    const prometheus = (yaml.load(Object.values(ds.data!)[0]) as { datasources: Record<string, unknown>[] }).datasources.find((d) => d.type === 'prometheus')!;
    assert.equal(prometheus.basicAuth, undefined);
    assert.equal(prometheus.basicAuthUser, undefined);
    assert.equal(prometheus.secureJsonData, undefined);
    assert.doesNotMatch(Object.values(ds.data!)[0], /DATASOURCE_PROMETHEUS_PASSWORD/);
  });

  it('passes the operator CRD schemas strictly, the 1.28 schema, promtool and amtool', () => {
    requireTool('promtool');
    requireTool('amtool');
    const dir = writeOut(files);
    try {
      assert.deepEqual(validateOperatorOutput(dir, { label: 'operator/prod', userSecrets }), []);
      const tools = checkOperatorWithTools(dir, 'operator/prod');
      assert.deepEqual(tools.problems, []);
      assert.deepEqual(tools.runs.map((r) => `${r.check}: ${r.status}`), ['promtool check rules: run', 'amtool check-config: run']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks the heartbeat\'s webhook url_file with an amtool that predates it, and says so', () => {
    requireTool('amtool');
    const withHeartbeat = newStack(loadEnvironment(envFile('extends: prod\nalerting:\n  routing:\n    heartbeat: { interval: 2m }\n')));
    const dir = writeOut(renderOperator(withHeartbeat));
    try {
      const tools = checkOperatorWithTools(dir, 'operator/prod');
      assert.deepEqual(tools.problems, []);
      const run = tools.runs.find((r) => r.check === 'amtool check-config')!;
      assert.equal(run.status, 'run');
      if (run.note) assert.match(run.note, /url_file checked as a stand-in url/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a field the operator does not know, a bad enum, a broken rule and a broken routing', () => {
    requireTool('promtool');
    requireTool('amtool');
    const broken = new Map(files);
    broken.set('monitors.yaml', files.get('monitors.yaml')!.replace('    - port: http\n', '    - port: http\n      scrapeEvery: 10s\n'));
    broken.set('prometheus-rules.yaml', files.get('prometheus-rules.yaml')!.replace(/^( {4}- name: .*)$/m, '$1\n      partial_response_strategy: sometimes').replace(/expr: (.*)$/m, 'expr: sum(($1'));
    broken.set('alertmanager-config.yaml', files.get('alertmanager-config.yaml')!.replace(/receiver: /, 'receiver: nobody-'));
    const dir = writeOut(broken);
    try {
      const problems = validateOperatorOutput(dir, { label: 'operator/prod', userSecrets });
      assert.ok(problems.some((p) => p.check === 'operator schema' && /unknown field "scrapeEvery"/.test(p.message)), JSON.stringify(problems));
      assert.ok(problems.some((p) => p.check === 'operator schema' && /partial_response_strategy/.test(String(p.path))), JSON.stringify(problems));
      assert.ok(problems.some((p) => p.check === 'promql'));
      const tools = checkOperatorWithTools(dir, 'operator/prod');
      assert.ok(tools.problems.some((p) => p.check === 'promtool check rules'), JSON.stringify(tools.problems));
      assert.ok(tools.problems.some((p) => p.check === 'amtool check-config' && /nobody-/.test(p.message)), JSON.stringify(tools.problems));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts a Go case-insensitive pattern as the operator does (partial_response_strategy: ABORT)', () => {
    const upper = new Map(files);
    upper.set('prometheus-rules.yaml', files.get('prometheus-rules.yaml')!.replace(/^( {4}- name: .*)$/m, '$1\n      partial_response_strategy: ABORT'));
    const dir = writeOut(upper);
    try {
      assert.deepEqual(validateOperatorOutput(dir, { label: 'operator/prod', userSecrets }), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the selector labels, namespaces, Prometheus URL and cluster exporters from the environment', () => {
    const file = envFile([
      'extends: prod',
      'namespace: fedrl-monitoring',
      'operator:',
      '  selectorLabels: { prometheus: main }',
      '  namespace: observability',
      '  prometheusUrl: http://prometheus-operated.observability.svc:9090',
      '  clusterExporters: []',
      '',
    ].join('\n'));
    try {
      const custom = renderOperator(newStack(loadEnvironment(file)));
      const out = docsOf(custom);
      assert.ok(custom.has('00-namespace.yaml'));
      assert.ok(custom.has('node-exporter.yaml'));
      for (const d of out.filter((x) => x.kind === 'ServiceMonitor' || x.kind === 'PrometheusRule')) {
        assert.equal(d.metadata.labels!.prometheus, 'main');
        assert.equal(d.metadata.labels!.release, undefined);
      }
      assert.ok(out.filter((d) => d.metadata.labels?.grafana_dashboard === '1').every((d) => d.metadata.namespace === 'observability'));
      assert.match(custom.get('grafana-datasources.yaml')!, /prometheus-operated\.observability\.svc/);
      assert.match(custom.get('network-policies.yaml')!, /kubernetes\.io\/metadata\.name: observability/);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('names the application\'s PodMonitor as Kubernetes takes it and keeps the job as it is spelt', () => {
    const file = envFile('extends: prod\napplication:\n  job: Fed_RL\n');
    const out = renderOperator(newStack(loadEnvironment(file)));
    const app = docsOf(out).find((d) => d.kind === 'PodMonitor' && d.spec.selector.matchLabels['app.kubernetes.io/part-of'] === 'Fed_RL')!;
    assert.equal(app.metadata.name, 'fed-rl');
    assert.deepEqual(app.spec.podMetricsEndpoints[0].relabelings[0], { targetLabel: 'job', replacement: 'Fed_RL', action: 'replace' });
    assert.match(out.get('prometheus-rules.yaml')!, /up\{job="Fed_RL"\}/);
    const dir = writeOut(out);
    assert.deepEqual(validateOperatorOutput(dir, { label: 'operator/prod', userSecrets }), []);
  });

  it('refuses rule files that would make two PrometheusRules of one name, a name Kubernetes refuses or one too long for the operator', () => {
    const withRules = (...names: string[]) => {
      const custom = stackOf('dev');
      for (const name of names) custom.prometheus!.addRuleFile(name, 'groups: []\n');
      return () => renderOperator(custom);
    };
    assert.throws(withRules('team_a.yaml', 'team-a.yaml'), /rule file "team-a\.yaml" would be the PrometheusRule "monstack-team-a", as rule file "team_a\.yaml" does/);
    assert.throws(withRules('team_.yaml'), /PrometheusRule "monstack-team-", which Kubernetes refuses/);
    // 210 characters for namespace and name: "monitoring" (10) and "monstack-" (9) leave 191.
    withRules(`${'r'.repeat(191)}.yaml`)();
    assert.throws(withRules(`${'r'.repeat(192)}.yaml`), /too long for the operator's rule file key/);
  });

  it('refuses a scrape endpoint that signs in rather than monitoring it without its password', () => {
    // Prometheus scrapes itself as the stack's web user: a service the operator target would have to watch the same way.
    const platform = new KubernetesPlatform(stack.environment.namespace);
    const ctx = { namespace: 'monitoring', selectorLabels: { release: 'x' }, running: describeForKubernetes(stack) };
    assert.throws(() => renderMonitors(stack, platform, ctx), /scrape job "prometheus" signs in as "monstack", which a ServiceMonitor or PodMonitor takes only from Secret keys/);
  });

  it('puts the UIs it runs itself behind the environment\'s Ingress, where their links point', () => {
    const file = envFile('extends: prod\ningress:\n  domain: monitoring.fedrl.org\n  controllerNamespace: ingress-system\n');
    const out = renderOperator(newStack(loadEnvironment(file)));
    const ingress = docsOf(out).find((d) => d.kind === 'Ingress')!;
    assert.deepEqual(ingress.spec.rules.map((r: { host: string }) => r.host).sort(), ['jaeger.monitoring.fedrl.org', 'kibana.monitoring.fedrl.org']);
    assert.match(out.get('kibana.yaml')!, /https:\/\/kibana\.monitoring\.fedrl\.org/);
    const kibanaPolicy = docsOf(out).find((d) => d.kind === 'NetworkPolicy' && d.metadata.name === 'kibana')!;
    assert.ok(JSON.stringify(kibanaPolicy.spec.ingress).includes('"kubernetes.io/metadata.name":"ingress-system"'));
    assert.deepEqual(validateOperatorOutput(writeOut(out), { label: 'operator/prod', userSecrets }), []);
    assert.equal(renderOperator(stackOf('dev')).has('ingress.yaml'), false, 'dev has no Ingress, and so none here');
  });

  it('makes the Elasticsearch user the cluster Grafana\'s datasource signs in as, with the password the README hands that Grafana', () => {
    const ds = docsOf(files).find((d) => d.metadata.labels?.grafana_datasource === '1')!;
    const elastic = (yaml.load(Object.values(ds.data!)[0]) as { datasources: { type: string; basicAuthUser?: string }[] }).datasources.find((d) => d.type === 'elasticsearch')!;
    const job = docs.find((d) => d.kind === 'CronJob' && d.metadata.name === 'grafana-setup')!;
    const init = job.spec.jobTemplate.spec.template.spec.initContainers[0];
    assert.match(init.command.join(' '), new RegExp(`_security/user/${elastic.basicAuthUser}"`));
    const password = init.command.join(' ').match(/password\\":\\"\$(\w+)/)![1];
    const ref = init.env.find((e: { name: string }) => e.name === password).valueFrom.secretKeyRef;
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    assert.ok(readme.includes(`ELASTICSEARCH_PASSWORD: { secretKeyRef: { name: ${ref.name}, key: ${ref.key} } }`), `README hands Grafana ${ref.name}/${ref.key}`);
    assert.match(targetNamed('operator').secrets(stack), new RegExp(`name: ${ref.name}[\\s\\S]*${ref.key}: `));
    // Only the step holds the elastic password; the job's container says it ran.
    assert.doesNotMatch(JSON.stringify(job.spec.jobTemplate.spec.template.spec.containers), /elastic-password|ELASTIC_PASSWORD/);
  });

  it('prints the credentials of what it runs, and the receivers Secret for the cluster Alertmanager', () => {
    const text = targetNamed('operator').secrets(stack);
    assert.match(text, /kubectl -n monitoring create secret generic alertmanager-receivers --from-file=/);
    const secrets = (yaml.loadAll(text) as Doc[]).filter(Boolean).map((d) => d.metadata.name);
    assert.ok(secrets.includes('elasticsearch'));
    assert.ok(!secrets.includes('grafana-admin'), 'no Grafana of its own, so no admin password');
  });

  it('turns a job an extension adds into a ScrapeConfig the CRD accepts, and reports what it cannot say', () => {
    const custom = stackOf('dev');
    custom.prometheus!.addScrapeJob({
      jobName: 'parameter-server',
      metrics: [{ name: 'ps_shard_bytes', type: 'gauge' }],
      render: () => ({ job_name: 'parameter-server', static_configs: [{ targets: ['ps.fedrl.svc:9102'], labels: { shard_group: 'a' } }] }),
    });
    custom.prometheus!.addScrapeJob({ jobName: 'pods', render: () => ({ job_name: 'pods', kubernetes_sd_configs: [{ role: 'pod', no_such_field: 1 }] }) });
    const out = renderOperator(custom);
    const scrape = docsOf(out).filter((d) => d.kind === 'ScrapeConfig');
    assert.deepEqual(scrape[0].spec, { jobName: 'parameter-server', staticConfigs: [{ targets: ['ps.fedrl.svc:9102'], labels: { shard_group: 'a' } }] });
    assert.equal(scrape[1].spec.kubernetesSDConfigs[0].role, 'Pod');
    const dir = writeOut(out);
    try {
      const problems = validateOperatorOutput(dir, { label: 'operator/dev' }).filter((p) => p.check === 'operator schema');
      assert.deepEqual(problems.map((p) => `${p.object} ${p.path} ${p.message}`), ['ScrapeConfig/pods .spec.kubernetesSDConfigs[0].noSuchField unknown field "noSuchField"']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a cluster exporter the environment turns off, naming the file and line', () => {
    const file = envFile(['extends: prod', 'components:', '  redis-exporter: { enabled: false }', 'operator:', '  clusterExporters: [node-exporter, redis-exporter]', ''].join('\n'));
    try {
      assert.throws(() => loadEnvironment(file), (e: Error) => /operator\.clusterExporters\.1/.test(e.message) && /redis-exporter is turned off/.test(e.message) && e.message.includes(file));
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});

describe('operator target beside kube-prometheus-stack\'s own rules', () => {
  // Recording rules kube-prometheus-stack installs by default over node-exporter and the nodes
  // (its node-exporter.rules, from the node-exporter mixin, and node.rules): a rule of the stack's that
  // records one of these names from the same series would write the series twice in the cluster's Prometheus.
  const CHART_RECORDS = [
    'instance:node_num_cpu:sum', 'instance:node_cpu_utilisation:rate5m', 'instance:node_load1_per_cpu:ratio', 'instance:node_memory_utilisation:ratio',
    'instance:node_vmstat_pgmajfault:rate5m', 'instance_device:node_disk_io_time_seconds:rate5m', 'instance_device:node_disk_io_time_weighted_seconds:rate5m',
    'instance:node_network_receive_bytes_excluding_lo:rate5m', 'instance:node_network_transmit_bytes_excluding_lo:rate5m',
    'instance:node_network_receive_drop_excluding_lo:rate5m', 'instance:node_network_transmit_drop_excluding_lo:rate5m',
    'node_namespace_pod:kube_pod_info:', 'node:node_num_cpu:sum', ':node_memory_MemAvailable_bytes:sum', 'node:node_cpu_utilization:ratio_rate5m', 'cluster:node_cpu:ratio_rate5m',
  ];

  it('records no series under a name the chart records', () => {
    const records = docsOf(renderOperator(stackOf('prod')))
      .filter((d) => d.kind === 'PrometheusRule')
      .flatMap((d) => d.spec.groups.flatMap((g: { rules: { record?: string }[] }) => g.rules.flatMap((r) => (r.record ? [r.record] : []))));
    assert.ok(records.length > 20);
    assert.deepEqual(records.filter((r) => CHART_RECORDS.includes(r)), []);
  });
});
