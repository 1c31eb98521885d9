/**
 * The operator target: the stack added to a cluster that runs the Prometheus Operator already
 * (kube-prometheus-stack). Its Prometheus, Alertmanager and Grafana take the stack's scrape jobs, rules,
 * routing, dashboards and datasources as resources they pick up; everything else (Loki, Promtail,
 * Jaeger, Elasticsearch, Logstash, Kibana, the exporters the cluster lacks) is rendered as the k8s
 * target renders it.
 */
import { k8s } from '../kubernetes/k8s';
import { ResolvedServiceSpec } from '../../../constructs';
import type { EnvironmentStack } from '../../build-stack';
import { RenderedFiles } from '../output';
import { renderNetworkPolicies } from '../kubernetes/network';
import { renderIngress, uiPorts } from '../kubernetes/ingress';
import { ManifestFile, manifestFileYaml } from '../kubernetes/manifest-file';
import { serviceManifest } from '../kubernetes/service-manifest';
import { manifestsYaml } from '../kubernetes/manifest-yaml';
import { kubernetesPlatformOf } from '../kubernetes/platform';
import { describeForKubernetes, renderKustomization, renderNamespace } from '../kubernetes/renderer';
import { renderAlertmanagerConfigSecret } from './alertmanager';
import { renderDashboardConfigMaps, renderDatasourceConfigMap } from './grafana';
import { renderMonitors } from './monitors';
import { renderPrometheusRules } from './rules';
import { grafanaSetupJob } from './grafana-setup';
import { DNS_SUBDOMAIN } from '../../config/kubernetes-names';

/** Files of the operator target's output besides the services'. */
export const OPERATOR_FILES = {
  monitors: 'monitors.yaml',
  rules: 'prometheus-rules.yaml',
  alertmanager: 'alertmanager-config.yaml',
  dashboards: 'grafana-dashboards.yaml',
  datasources: 'grafana-datasources.yaml',
} as const;

/** The cluster runs these itself: the operator's Prometheus and Alertmanager, the chart's Grafana. */
function clusterServices(stack: EnvironmentStack): string[] {
  return [stack.prometheus, stack.alertmanager, stack.grafana].flatMap((c) => (c ? [c.serviceName] : []));
}

/**
 * The services this output runs: the stack's, without what the cluster runs already, and the job that does
 * the stack's Grafana setup (its Elasticsearch user) for the cluster's Grafana.
 */
export function operatorServices(stack: EnvironmentStack, all = describeForKubernetes(stack)): ResolvedServiceSpec[] {
  const elsewhere = new Set<string>([...clusterServices(stack), ...stack.environment.operator.clusterExporters]);
  const setup = grafanaSetupJob(all.find((s) => s.name === stack.grafana?.serviceName));
  return [...all.filter((s) => !elsewhere.has(s.name)), ...(setup ? [setup] : [])];
}

/** A unique, valid object name per monitor: job names may hold characters Kubernetes names may not. */
function checkNames(docs: readonly object[]): void {
  const seen = new Map<string, string>();
  for (const doc of docs as { kind: string; metadata: { name: string } }[]) {
    const name = doc.metadata.name;
    if (!DNS_SUBDOMAIN.test(name)) {
      throw new Error(`operator target: scrape job "${name}" cannot name a ${doc.kind} (a lower-case DNS name of letters, digits, "-" and "."): rename the job`);
    }
    const key = `${doc.kind}/${name}`;
    if (seen.has(key)) throw new Error(`operator target: two ${doc.kind}s would be named "${name}"`);
    seen.set(key, name);
  }
}

export function renderOperator(stack: EnvironmentStack): RenderedFiles {
  const env = stack.environment;
  const op = env.operator;
  const namespace = env.namespace;
  const platform = kubernetesPlatformOf(env);
  const described = describeForKubernetes(stack);
  const running = operatorServices(stack, described);
  // What the policies know of: the stack's services and the setup job.
  const all = [...described, ...running.filter((s) => !described.includes(s))];
  const files: RenderedFiles = new Map();
  const add = (name: string, build: (file: ManifestFile) => void) => files.set(name, manifestFileYaml(build));
  const addDocs = (file: string, docs: readonly (object | undefined)[]) => {
    const present = docs.filter((d): d is object => d !== undefined);
    if (present.length > 0) files.set(file, manifestsYaml(present));
  };

  // Sharing the namespace of the cluster's monitoring, the stack leaves the namespace as it is.
  if (namespace !== op.namespace) add('00-namespace.yaml', (file) => renderNamespace(file, namespace));
  // The k8s target's files of the same services, where it rendered them in this pass.
  for (const spec of running) files.set(`${spec.name}.yaml`, serviceManifest(spec, namespace, env.kubernetes));
  // The cluster's Prometheus, Alertmanager and Grafana stand in for the stack's own in the policies.
  const outside = new Map<string, k8s.NetworkPolicyPeer>(
    clusterServices(stack).map((name) => [
      name,
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': op.namespace } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': name } } },
    ]),
  );
  // The UIs it runs itself (Kibana, Jaeger) behind the Ingress, as in the k8s target: their links point there.
  const ingress = env.ingress;
  add('network-policies.yaml', (file) =>
    renderNetworkPolicies(file, running, namespace, env.kubernetes.dns, ingress, { allSpecs: all, outside, podLabels: { 'app.kubernetes.io/part-of': 'monstack' } }),
  );
  if (ingress && uiPorts(running).length > 0) add('ingress.yaml', (file) => renderIngress(file, running, namespace, ingress));

  const monitors = renderMonitors(stack, platform, { namespace, selectorLabels: op.selectorLabels, running });
  checkNames(monitors);
  // Always written: the output is recognised by it (an environment without Prometheus has no monitor).
  files.set(OPERATOR_FILES.monitors, monitors.length > 0 ? manifestsYaml(monitors) : '# Prometheus is off in this environment: nothing to scrape.\n');
  addDocs(OPERATOR_FILES.rules, renderPrometheusRules(stack, namespace, op.selectorLabels, env.name));
  addDocs(OPERATOR_FILES.alertmanager, [renderAlertmanagerConfigSecret(stack, op.namespace)]);
  addDocs(OPERATOR_FILES.dashboards, renderDashboardConfigMaps(stack, op.namespace));
  addDocs(OPERATOR_FILES.datasources, [renderDatasourceConfigMap(stack, namespace, op.namespace, op.prometheusUrl)]);
  files.set('kustomization.yaml', renderKustomization([...files.keys()]));
  return files;
}
