/** The pod templates inside Kubernetes workloads, with the path that leads to each. */
import { isObject, Manifest, Obj } from './output';

export interface PodTemplate {
  readonly manifest: Manifest;
  readonly namespace: string | undefined;
  /** Path segments from the object root to the pod template (`metadata` + `spec`). */
  readonly at: (string | number)[];
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly spec: Obj;
}

export interface ContainerAt {
  readonly container: Obj;
  /** Path segments from the object root to the container. */
  readonly at: (string | number)[];
}

const TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export function podTemplates(manifests: readonly Manifest[]): PodTemplate[] {
  const pods: PodTemplate[] = [];
  for (const m of manifests) {
    const kind = m.doc.kind as string;
    const at = kind === 'Pod' ? [] : TEMPLATE_PATHS[kind];
    if (!at) continue;
    let template: unknown = m.doc;
    for (const key of at) template = isObject(template) ? template[key] : undefined;
    if (!isObject(template) || !isObject(template.spec)) continue;
    pods.push({
      manifest: m,
      namespace: m.doc.metadata?.namespace,
      at,
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations: { ...(template.metadata?.annotations ?? {}) },
      spec: template.spec,
    });
  }
  return pods;
}

export function containersOf(pod: PodTemplate): ContainerAt[] {
  const list = (field: string) =>
    (Array.isArray(pod.spec[field]) ? (pod.spec[field] as unknown[]) : []).filter(isObject).map((container, i) => ({ container, at: [...pod.at, 'spec', field, i] }));
  return [...list('initContainers'), ...list('containers')];
}

/** The port a container declares, by name or number, as probes, Services and policies refer to it. */
export function declaredPort(container: Obj, port: unknown, protocol = 'TCP'): Obj | undefined {
  return ((container.ports ?? []) as Obj[]).find((p) => (p.protocol ?? 'TCP') === protocol && (typeof port === 'string' ? p.name === port : p.containerPort === port));
}

/** A label selector (`matchLabels` + `matchExpressions`) against a set of labels. */
export function selectorMatches(selector: Obj | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const expr of (selector.matchExpressions ?? []) as { key: string; operator: string; values?: string[] }[]) {
    const has = expr.key in labels;
    const values = expr.values ?? [];
    if (expr.operator === 'In' && !(has && values.includes(labels[expr.key]))) return false;
    if (expr.operator === 'NotIn' && has && values.includes(labels[expr.key])) return false;
    if (expr.operator === 'Exists' && !has) return false;
    if (expr.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** A Service's plain `selector` map (every key equal). */
export function mapSelectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}
