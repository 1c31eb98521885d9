/**
 * Renders a stack to Kubernetes manifests with cdk8s-plus-28's L1 classes: one file per service, the namespace first,
 * the network policies, and a kustomization.yaml listing them all for `kubectl apply -k`.
 */
import { k8s } from './k8s';
import { ResolvedServiceSpec } from '../../../constructs';
import type { EnvironmentStack } from '../../build-stack';
import { toYaml } from '../../../constructs/yaml';
import { RenderedFiles } from '../output';
import { renderIngress, uiPorts } from './ingress';
import { renderNetworkPolicies } from './network';
import { ManifestFile, manifestFileYaml } from './manifest-file';
import { serviceManifest } from './service-manifest';
import { kubernetesPlatformOf } from './platform';

/** `platform`: the one a check of the same pass described the stack on, so it is described once. */
export function renderKubernetes(stack: EnvironmentStack, platform = kubernetesPlatformOf(stack.environment)): RenderedFiles {
  const namespace = stack.environment.namespace;
  const specs = stack.describe(platform);
  const files: RenderedFiles = new Map();

  const add = (name: string, build: (file: ManifestFile) => void) => files.set(name, manifestFileYaml(build));

  add('00-namespace.yaml', (file) => renderNamespace(file, namespace));
  const cluster = stack.environment.kubernetes;
  for (const spec of specs) files.set(`${spec.name}.yaml`, serviceManifest(spec, namespace, cluster));
  const ingress = stack.environment.ingress;
  add('network-policies.yaml', (file) => renderNetworkPolicies(file, specs, namespace, cluster.dns, ingress));
  if (ingress && uiPorts(specs).length > 0) add('ingress.yaml', (file) => renderIngress(file, specs, namespace, ingress));
  files.set('kustomization.yaml', renderKustomization([...files.keys()]));
  return files;
}

export function describeForKubernetes(stack: EnvironmentStack): ResolvedServiceSpec[] {
  return stack.describe(kubernetesPlatformOf(stack.environment));
}

export function renderNamespace(file: ManifestFile, namespace: string): void {
  file.add(k8s.KubeNamespace, {
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
