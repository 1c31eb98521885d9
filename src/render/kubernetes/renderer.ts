/**
 * Renders a stack to Kubernetes manifests with cdk8s: one file per service, the namespace first,
 * the network policies, and a kustomization.yaml listing them all for `kubectl apply -k`.
 */
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { MonitoringStack, ResolvedServiceSpec } from '../../../constructs';
import { toYaml } from '../../../constructs/yaml';
import { RenderedFiles } from '../output';
import { renderNetworkPolicies } from './network';
import { renderService } from './objects';
import { KubernetesPlatform } from './platform';

export function renderKubernetes(stack: MonitoringStack): RenderedFiles {
  const namespace = stack.environment.namespace;
  const specs = describeForKubernetes(stack);
  const app = new App();
  const files: RenderedFiles = new Map();

  const add = (file: string, build: (chart: Chart) => void) => {
    const chart = new Chart(app, file.replace(/\.yaml$/, ''), { disableResourceNameHashes: true });
    build(chart);
    files.set(file, chart.toJson().map((doc) => toYaml(doc)).join('---\n'));
  };

  add('00-namespace.yaml', (chart) => renderNamespace(chart, namespace));
  const cluster = stack.environment.kubernetes;
  for (const spec of specs) add(`${spec.name}.yaml`, (chart) => renderService(chart, spec, namespace, cluster));
  add('network-policies.yaml', (chart) => renderNetworkPolicies(chart, specs, namespace, cluster.dns));
  files.set('kustomization.yaml', renderKustomization([...files.keys()]));
  return files;
}

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
