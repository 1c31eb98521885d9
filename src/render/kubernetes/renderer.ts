/**
 * Renders a stack to Kubernetes manifests with cdk8s: one file per service, the namespace first,
 * the network policies, and a kustomization.yaml listing them all for `kubectl apply -k`.
 */
import { App, Chart } from 'cdk8s';
import { k8s } from './k8s';
import { ResolvedServiceSpec } from '../../../constructs';
import type { EnvironmentStack } from '../../build-stack';
import { BoundedCache } from '../../../constructs/bounded-cache';
import { toYaml } from '../../../constructs/yaml';
import { RenderedFiles } from '../output';
import { renderIngress, uiPorts } from './ingress';
import { renderNetworkPolicies } from './network';
import { renderService } from './objects';
import { kubernetesPlatformOf } from './platform';

/** `platform`: the one a check of the same pass described the stack on, so it is described once. */
export function renderKubernetes(stack: EnvironmentStack, platform = kubernetesPlatformOf(stack.environment)): RenderedFiles {
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
  const cluster = stack.environment.kubernetes;
  for (const spec of specs) add(`${spec.name}.yaml`, (chart) => renderService(chart, spec, namespace, cluster));
  const ingress = stack.environment.ingress;
  add('network-policies.yaml', (chart) => renderNetworkPolicies(chart, specs, namespace, cluster.dns, ingress));
  if (ingress && uiPorts(specs).length > 0) add('ingress.yaml', (chart) => renderIngress(chart, specs, namespace, ingress));
  files.set('kustomization.yaml', renderKustomization([...files.keys()]));
  return files;
}

/**
 * A manifest as YAML. The dashboards' ConfigMaps, most of the bytes, are the same in every environment:
 * each distinct manifest is dumped once. Its JSON text identifies plain data; a manifest holding what JSON
 * would blur (undefined, NaN, ±Infinity, -0, a Date or other class instance) is dumped without lookup.
 */
function manifestYaml(doc: unknown): string {
  let plain = true;
  const key = JSON.stringify(doc, function (this: Record<string, unknown>, k: string, v: unknown) {
    const raw = this[k];
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw) || Object.is(raw, -0)) plain = false;
    } else if (raw === undefined || typeof raw === 'function' || typeof raw === 'symbol' || typeof raw === 'bigint') {
      plain = false;
      if (typeof raw === 'bigint') return String(raw); // JSON has none: the dump below decides what it makes of it
    } else if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const proto = Object.getPrototypeOf(raw);
      if (proto !== Object.prototype && proto !== null) plain = false;
    }
    return v;
  });
  return plain && key !== undefined ? dumpedManifests.get(key, () => toYaml(doc)) : toYaml(doc);
}

const dumpedManifests = new BoundedCache<string, string>(512);

export function describeForKubernetes(stack: EnvironmentStack): ResolvedServiceSpec[] {
  return stack.describe(kubernetesPlatformOf(stack.environment));
}

export function renderNamespace(chart: Chart, namespace: string): void {
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

export function renderKustomization(resources: readonly string[]): string {
  // Every object names its namespace already; kustomize only gathers them.
  return toYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources });
}
