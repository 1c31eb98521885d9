/**
 * Every name an object refers to resolves inside the same output: ConfigMaps, Secrets (or a
 * user-provided Secret that `monstack secrets` lists), PVCs, ServiceAccounts, volumes, Services'
 * selectors and target ports, probe ports, RBAC bindings, NetworkPolicy and PDB selectors, the
 * StatefulSet's governing Service and the kustomization's resources.
 */
import { isObject, Manifest, Obj } from './output';
import { containersOf, declaredPort, mapSelectorMatches, PodTemplate, podTemplates, selectorMatches } from './pods';
import { jsonPath, Problem } from './problem';

/** A Secret the user creates (printed by `monstack secrets`), never part of the output. */
export interface UserSecret {
  readonly secret: string;
  readonly key: string;
}

/** ClusterRoles every cluster has; bindings may name them without the output defining them. */
const BUILT_IN_CLUSTER_ROLES = new Set(['cluster-admin', 'admin', 'edit', 'view']);

class Index {
  private readonly byKey = new Map<string, Manifest>();
  constructor(manifests: readonly Manifest[]) {
    for (const m of manifests) this.byKey.set(Index.key(m.doc.kind, m.doc.metadata?.namespace, m.doc.metadata?.name), m);
  }
  static key(kind: string, namespace: string | undefined, name: string): string {
    return `${kind}/${namespace ?? ''}/${name}`;
  }
  get(kind: string, namespace: string | undefined, name: string): Manifest | undefined {
    return this.byKey.get(Index.key(kind, namespace, name));
  }
}

interface Ctx {
  readonly index: Index;
  readonly userSecrets: readonly UserSecret[];
  readonly problems: Problem[];
}

function report(ctx: Ctx, m: Manifest, at: (string | number)[], message: string, check = 'reference'): void {
  ctx.problems.push({ file: m.file, object: m.id, path: jsonPath(at), check, message });
}

function checkConfigMapKey(ctx: Ctx, pod: PodTemplate, at: (string | number)[], name: string, key: string | undefined, optional: boolean): void {
  if (optional) return;
  const cm = ctx.index.get('ConfigMap', pod.namespace, name);
  if (!cm) return report(ctx, pod.manifest, at, `ConfigMap "${name}" is not in the output`);
  if (key !== undefined && !(key in (cm.doc.data ?? {})) && !(key in (cm.doc.binaryData ?? {}))) {
    report(ctx, pod.manifest, at, `ConfigMap "${name}" has no key "${key}"`);
  }
}

function checkSecretKey(ctx: Ctx, pod: PodTemplate, at: (string | number)[], name: string, key: string | undefined, optional: boolean): void {
  if (optional) return;
  const secret = ctx.index.get('Secret', pod.namespace, name);
  if (secret) {
    if (key !== undefined && !(key in (secret.doc.data ?? {})) && !(key in (secret.doc.stringData ?? {}))) report(ctx, pod.manifest, at, `Secret "${name}" has no key "${key}"`);
    return;
  }
  const provided = ctx.userSecrets.filter((s) => s.secret === name);
  if (provided.length === 0) return report(ctx, pod.manifest, at, `Secret "${name}" is neither in the output nor one that \`monstack secrets\` lists`);
  if (key !== undefined && !provided.some((s) => s.key === key)) {
    report(ctx, pod.manifest, at, `Secret "${name}" key "${key}" is not one that \`monstack secrets\` lists (${provided.map((s) => s.key).join(', ')})`);
  }
}

function checkPodReferences(ctx: Ctx, pod: PodTemplate): void {
  const spec = pod.spec;
  const volumes = (Array.isArray(spec.volumes) ? spec.volumes : []) as Obj[];
  const claimTemplates = pod.manifest.doc.kind === 'StatefulSet' ? ((pod.manifest.doc.spec?.volumeClaimTemplates ?? []) as Obj[]).map((t) => t.metadata?.name) : [];
  const volumeNames = new Set<string>([...volumes.map((v) => v.name), ...claimTemplates]);

  volumes.forEach((volume, i) => {
    const at = [...pod.at, 'spec', 'volumes', i];
    if (isObject(volume.configMap)) {
      checkConfigMapKey(ctx, pod, [...at, 'configMap', 'name'], volume.configMap.name, undefined, volume.configMap.optional === true);
      ((volume.configMap.items ?? []) as Obj[]).forEach((item, j) => checkConfigMapKey(ctx, pod, [...at, 'configMap', 'items', j, 'key'], volume.configMap.name, item.key, volume.configMap.optional === true));
    }
    if (isObject(volume.secret)) {
      const items = (volume.secret.items ?? []) as Obj[];
      if (items.length === 0) checkSecretKey(ctx, pod, [...at, 'secret', 'secretName'], volume.secret.secretName, undefined, volume.secret.optional === true);
      items.forEach((item, j) => checkSecretKey(ctx, pod, [...at, 'secret', 'items', j, 'key'], volume.secret.secretName, item.key, volume.secret.optional === true));
    }
    if (isObject(volume.persistentVolumeClaim) && !ctx.index.get('PersistentVolumeClaim', pod.namespace, volume.persistentVolumeClaim.claimName)) {
      report(ctx, pod.manifest, [...at, 'persistentVolumeClaim', 'claimName'], `PersistentVolumeClaim "${volume.persistentVolumeClaim.claimName}" is not in the output`);
    }
    for (const [j, source] of ((volume.projected?.sources ?? []) as Obj[]).entries()) {
      if (isObject(source.configMap)) checkConfigMapKey(ctx, pod, [...at, 'projected', 'sources', j, 'configMap', 'name'], source.configMap.name, undefined, source.configMap.optional === true);
      if (isObject(source.secret)) checkSecretKey(ctx, pod, [...at, 'projected', 'sources', j, 'secret', 'name'], source.secret.name, undefined, source.secret.optional === true);
    }
  });

  const sa = spec.serviceAccountName;
  if (typeof sa === 'string' && sa !== 'default' && !ctx.index.get('ServiceAccount', pod.namespace, sa)) {
    report(ctx, pod.manifest, [...pod.at, 'spec', 'serviceAccountName'], `ServiceAccount "${sa}" is not in the output`);
  }

  for (const { container, at } of containersOf(pod)) {
    ((container.volumeMounts ?? []) as Obj[]).forEach((mount, i) => {
      if (!volumeNames.has(mount.name)) report(ctx, pod.manifest, [...at, 'volumeMounts', i, 'name'], `mounts volume "${mount.name}" that the pod does not define`);
    });
    ((container.env ?? []) as Obj[]).forEach((env, i) => {
      const from = env.valueFrom ?? {};
      if (isObject(from.configMapKeyRef)) checkConfigMapKey(ctx, pod, [...at, 'env', i, 'valueFrom', 'configMapKeyRef'], from.configMapKeyRef.name, from.configMapKeyRef.key, from.configMapKeyRef.optional === true);
      if (isObject(from.secretKeyRef)) checkSecretKey(ctx, pod, [...at, 'env', i, 'valueFrom', 'secretKeyRef'], from.secretKeyRef.name, from.secretKeyRef.key, from.secretKeyRef.optional === true);
    });
    ((container.envFrom ?? []) as Obj[]).forEach((source, i) => {
      if (isObject(source.configMapRef)) checkConfigMapKey(ctx, pod, [...at, 'envFrom', i, 'configMapRef'], source.configMapRef.name, undefined, source.configMapRef.optional === true);
      if (isObject(source.secretRef)) checkSecretKey(ctx, pod, [...at, 'envFrom', i, 'secretRef'], source.secretRef.name, undefined, source.secretRef.optional === true);
    });
    checkProbePorts(ctx, pod, container, at);
  }

  if (pod.manifest.doc.kind === 'StatefulSet') {
    const serviceName = pod.manifest.doc.spec?.serviceName;
    if (typeof serviceName === 'string' && !ctx.index.get('Service', pod.namespace, serviceName)) {
      report(ctx, pod.manifest, ['spec', 'serviceName'], `governing Service "${serviceName}" is not in the output`);
    }
  }
  const selector = pod.manifest.doc.spec?.selector;
  if (pod.manifest.doc.kind !== 'Pod' && pod.manifest.doc.kind !== 'Job' && pod.manifest.doc.kind !== 'CronJob' && !selectorMatches(selector, pod.labels)) {
    report(ctx, pod.manifest, ['spec', 'selector'], 'does not select the labels of its own pod template');
  }
}

function listens(container: Obj, port: unknown, protocol?: string): boolean {
  return declaredPort(container, port, protocol) !== undefined;
}

function checkProbePorts(ctx: Ctx, pod: PodTemplate, container: Obj, at: (string | number)[]): void {
  for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const p = container[probe];
    if (!isObject(p)) continue;
    for (const action of ['httpGet', 'tcpSocket', 'grpc']) {
      if (!isObject(p[action])) continue;
      const port = p[action].port;
      if (!listens(container, port)) report(ctx, pod.manifest, [...at, probe, action, 'port'], `probes port ${JSON.stringify(port)}, which container "${container.name}" does not declare`, 'probe');
    }
  }
}

function checkService(ctx: Ctx, m: Manifest, pods: readonly PodTemplate[]): void {
  const selector = m.doc.spec?.selector as Record<string, string> | undefined;
  if (!selector || Object.keys(selector).length === 0 || m.doc.spec?.type === 'ExternalName') return;
  const selected = pods.filter((p) => p.namespace === m.doc.metadata?.namespace && mapSelectorMatches(selector, p.labels));
  if (selected.length === 0) return report(ctx, m, ['spec', 'selector'], `selects no pod of any workload in the output (${JSON.stringify(selector)})`);
  ((m.doc.spec?.ports ?? []) as Obj[]).forEach((port, i) => {
    const target = port.targetPort ?? port.port;
    const protocol = port.protocol ?? 'TCP';
    const missing = selected.filter((pod) => !containersOf(pod).some(({ container }) => listens(container, target, protocol)));
    for (const pod of missing) report(ctx, m, ['spec', 'ports', i, 'targetPort'], `targets port ${JSON.stringify(target)}/${protocol}, which no container of ${pod.manifest.id} declares`);
  });
}

function checkBinding(ctx: Ctx, m: Manifest): void {
  const ref = m.doc.roleRef ?? {};
  const namespace = m.doc.metadata?.namespace;
  if (ref.kind === 'ClusterRole') {
    if (!ctx.index.get('ClusterRole', undefined, ref.name) && !BUILT_IN_CLUSTER_ROLES.has(ref.name) && !String(ref.name).startsWith('system:')) {
      report(ctx, m, ['roleRef', 'name'], `ClusterRole "${ref.name}" is not in the output`);
    }
  } else if (ref.kind === 'Role') {
    if (m.doc.kind === 'ClusterRoleBinding') report(ctx, m, ['roleRef', 'kind'], 'a ClusterRoleBinding can only refer to a ClusterRole');
    else if (!ctx.index.get('Role', namespace, ref.name)) report(ctx, m, ['roleRef', 'name'], `Role "${ref.name}" is not in the output`);
  }
  ((m.doc.subjects ?? []) as Obj[]).forEach((subject, i) => {
    if (subject.kind !== 'ServiceAccount') return;
    const ns = subject.namespace ?? namespace;
    if (!ctx.index.get('ServiceAccount', ns, subject.name)) report(ctx, m, ['subjects', i], `ServiceAccount "${ns}/${subject.name}" is not in the output`);
  });
}

function checkNetworkPolicy(ctx: Ctx, m: Manifest, pods: readonly PodTemplate[]): void {
  const namespace = m.doc.metadata?.namespace;
  const inNamespace = pods.filter((p) => p.namespace === namespace);
  const spec = m.doc.spec ?? {};
  const targets = inNamespace.filter((p) => selectorMatches(spec.podSelector ?? {}, p.labels));
  if (targets.length === 0) report(ctx, m, ['spec', 'podSelector'], 'selects no pod in the output');
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    ((spec[direction] ?? []) as Obj[]).forEach((rule, i) => {
      ((rule[peers] ?? []) as Obj[]).forEach((peer, j) => {
        // Peers in other namespaces (a namespaceSelector) or outside the cluster are not ours to resolve.
        if (!isObject(peer.podSelector) || isObject(peer.namespaceSelector)) return;
        if (!inNamespace.some((p) => selectorMatches(peer.podSelector, p.labels))) report(ctx, m, ['spec', direction, i, peers, j, 'podSelector'], 'selects no pod in the output');
      });
      if (direction === 'ingress') {
        ((rule.ports ?? []) as Obj[]).forEach((port, j) => {
          if (port.port === undefined || port.endPort !== undefined) return;
          const protocol = port.protocol ?? 'TCP';
          if (!targets.some((p) => containersOf(p).some(({ container }) => listens(container, port.port, protocol)))) {
            report(ctx, m, ['spec', 'ingress', i, 'ports', j], `admits port ${JSON.stringify(port.port)}/${protocol}, which no selected pod declares`);
          }
        });
      }
    });
  }
}

function checkDisruptionBudget(ctx: Ctx, m: Manifest, pods: readonly PodTemplate[]): void {
  const selected = pods.filter((p) => p.namespace === m.doc.metadata?.namespace && selectorMatches(m.doc.spec?.selector, p.labels));
  if (selected.length === 0) report(ctx, m, ['spec', 'selector'], 'selects no pod in the output');
}

export function checkReferences(manifests: readonly Manifest[], userSecrets: readonly UserSecret[]): Problem[] {
  const ctx: Ctx = { index: new Index(manifests), userSecrets, problems: [] };
  const pods = podTemplates(manifests);
  for (const pod of pods) checkPodReferences(ctx, pod);
  for (const m of manifests) {
    const kind = m.doc.kind;
    if (kind === 'Service') checkService(ctx, m, pods);
    if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') checkBinding(ctx, m);
    if (kind === 'NetworkPolicy') checkNetworkPolicy(ctx, m, pods);
    if (kind === 'PodDisruptionBudget') checkDisruptionBudget(ctx, m, pods);
    const namespace = m.doc.metadata?.namespace;
    if (namespace && kind !== 'Namespace' && !ctx.index.get('Namespace', undefined, namespace) && manifests.some((x) => x.doc.kind === 'Namespace')) {
      report(ctx, m, ['metadata', 'namespace'], `Namespace "${namespace}" is not in the output`);
    }
  }
  return ctx.problems;
}

/** kustomization.yaml lists exactly the manifest files beside it. */
export function checkKustomization(kustomization: Obj | undefined, manifestFiles: readonly string[], label: string): Problem[] {
  if (!kustomization) return [];
  const file = `${label}/kustomization.yaml`;
  const listed = ((kustomization.resources ?? []) as string[]).map(String);
  const problems: Problem[] = [];
  listed.forEach((resource, i) => {
    if (!manifestFiles.includes(resource)) problems.push({ file, path: jsonPath(['resources', i]), check: 'reference', message: `lists ${resource}, which does not exist` });
  });
  for (const f of manifestFiles) if (!listed.includes(f)) problems.push({ file, path: '.resources', check: 'reference', message: `does not list ${f}` });
  return problems;
}
