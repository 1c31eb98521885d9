/** The `k8s` target: the whole stack as Kubernetes manifests, applied with `kubectl apply -k`. */
import * as fs from 'fs';
import * as path from 'path';
import { kubernetesSecrets, secretRefs } from '../commands/secrets';
import { describeForKubernetes, renderKubernetes } from '../render/kubernetes/renderer';
import { kubernetesPlatformOf } from '../render/kubernetes/platform';
import { OPERATOR_OUTPUT_FILE } from './operator-files';
import { OutputTarget, validation } from './target';

export const kubernetesTarget: OutputTarget = {
  name: 'k8s',
  summary: 'Kubernetes manifests for the whole stack',
  platform: (env) => kubernetesPlatformOf(env),
  render: renderKubernetes,
  // The operator target's output is a kustomization too, told apart by its monitors.
  recognizes: (dir) => fs.existsSync(path.join(dir, 'kustomization.yaml')) && !fs.existsSync(path.join(dir, OPERATOR_OUTPUT_FILE)),
  validate: (dir, options) => validation().validateKubernetesOutput(dir, options),
  checkWithTools: (dir, label) => validation().checkWithTools(dir, { label }),
  services: describeForKubernetes,
  secrets: (stack) => kubernetesSecrets(secretRefs(describeForKubernetes(stack)), stack.environment.namespace),
  access: { column: 'Kubernetes URL (in cluster)', url: (spec, env) => clusterUrl(spec, env.namespace) },
};

/** http://<service>.<namespace>.svc:<port> of the port users open, or `-` for a service that listens nowhere. */
export function clusterUrl(spec: { name: string; ports: readonly { name: string; port: number; userFacing?: boolean; peerOnly?: boolean; probeOnly?: boolean }[] }, namespace: string): string {
  const facing = spec.ports.find((p) => p.userFacing) ?? spec.ports.find((p) => !p.peerOnly && !p.probeOnly);
  if (!facing) return '-';
  const scheme = facing.name.startsWith('http') ? 'http://' : '';
  return `${scheme}${spec.name}.${namespace}.svc:${facing.port}`;
}
