/**
 * Renders a stack to Kubernetes manifests with cdk8s: one file per service, the namespace first,
 * the network policies, and a kustomization.yaml listing them all for `kubectl apply -k`.
 */
import { App, Chart } from 'cdk8s';
import { k8s } from './k8s';
import { MonitoringStack, ResolvedServiceSpec } from '../../../constructs';
import { BoundedCache } from '../../../constructs/bounded-cache';
import { toYaml } from '../../../constructs/yaml';
import { RenderedFiles } from '../output';
import { renderNetworkPolicies } from './network';
import { renderService } from './objects';
import { KubernetesPlatform } from './platform';

/** `platform`: the one a check of the same pass described the stack on, so it is described once. */
export function renderKubernetes(stack: MonitoringStack, platform = new KubernetesPlatform(stack.environment.namespace)): RenderedFiles {
  const namespace = stack.environment.namespace;
  const specs = stack.describe(platform);
  const files: RenderedFiles = new Map();

  // One app per file: a chart's toJson() resolves and validates its whole app, so charts sharing one
  // app would make each file cost as much as all the files before it.
  const add = (file: string, build: (chart: Chart) => void) => {
    const chart = new Chart(new App(), file.replace(/\.yaml$/, ''), { disableResourceNameHashes: true });
    build(chart);
    files.set(file, chart.toJson().map(manifestYaml).join('---\n'));
  };

  add('00-namespace.yaml', (chart) => renderNamespace(chart, namespace));
  for (const spec of specs) add(`${spec.name}.yaml`, (chart) => renderService(chart, spec, namespace));
  add('network-policies.yaml', (chart) => renderNetworkPolicies(chart, specs, namespace));
  files.set('kustomization.yaml', renderKustomization([...files.keys()]));
  return files;
}

/**
 * A manifest as YAML. The dashboards' ConfigMaps, most of the bytes, are the same in every environment:
 * each distinct manifest is dumped once. cdk8s gives JSON data, so its JSON text identifies it; numbers
 * JSON cannot tell apart from others (NaN, ±Infinity, -0) are never looked up.
 */
function manifestYaml(doc: unknown): string {
  let special = false;
  const key = JSON.stringify(doc, (_k, v: unknown) => {
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) special = true;
    return v;
  });
  return special ? toYaml(doc) : dumpedManifests.get(key, () => toYaml(doc));
}

const dumpedManifests = new BoundedCache<string, string>(512);

export function describeForKubernetes(stack: MonitoringStack): ResolvedServiceSpec[] {
  return stack.describe(new KubernetesPlatform(stack.environment.namespace));
}

function renderNamespace(chart: Chart, namespace: string): void {
  new k8s.KubeNamespace(chart, 'namespace', {
    metadata: {
      name: namespace,
      labels: {
        'app.kubernetes.io/part-of': 'monstack',
        'app.kubernetes.io/managed-by': 'monstack',
        // node-exporter, Promtail, cAdvisor and the GPU exporter need the host: the namespace admits
        // them, and the audit log records whatever strays from the restricted profile.
        'pod-security.kubernetes.io/enforce': 'privileged',
        'pod-security.kubernetes.io/audit': 'restricted',
      },
    },
  });
}

function renderKustomization(resources: readonly string[]): string {
  // Every object names its namespace already; kustomize only gathers them.
  return toYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources });
}
