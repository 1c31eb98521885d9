/**
 * NetworkPolicies let the stack's own links through: every in-cluster address a pod is configured
 * to reach (a URL or host:port naming a Service of the output, in its mounted ConfigMaps, arguments
 * or environment) must be admitted by the egress policies of the caller and the ingress policies of
 * the pods behind the Service. Deny-by-default makes a missing rule a silent outage otherwise.
 */
import { isObject, Manifest, Obj } from './output';
import { containersOf, declaredPort, mapSelectorMatches, PodTemplate, podTemplates, selectorMatches } from './pods';
import { Problem } from './problem';

interface Link {
  readonly service: Manifest;
  readonly servicePort: Obj;
  /** Where the address was written, for the message. */
  readonly source: string;
}

/** `name`, `name.ns`, `name.ns.svc`, `name.ns.svc.cluster.local` followed by `:port`. */
const ADDRESS = /(?<![\w.-])([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)(?:\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)(?:\.svc(?:\.cluster\.local)?)?)?:(\d{2,5})(?![\d])/g;

function textsOf(pod: PodTemplate, configMaps: ReadonlyMap<string, Manifest>): { text: string; source: string }[] {
  const texts: { text: string; source: string }[] = [];
  for (const volume of (pod.spec.volumes ?? []) as Obj[]) {
    const cm = isObject(volume.configMap) ? configMaps.get(`${pod.namespace}/${volume.configMap.name}`) : undefined;
    for (const [key, value] of Object.entries((cm?.doc.data ?? {}) as Record<string, unknown>)) if (typeof value === 'string') texts.push({ text: value, source: `ConfigMap/${cm?.doc.metadata.name} ${key}` });
  }
  for (const { container } of containersOf(pod)) {
    for (const arg of [...((container.command ?? []) as unknown[]), ...((container.args ?? []) as unknown[])]) texts.push({ text: String(arg), source: `container ${container.name} arguments` });
    for (const env of (container.env ?? []) as Obj[]) if (typeof env.value === 'string') texts.push({ text: env.value, source: `container ${container.name} env ${env.name}` });
  }
  return texts;
}

function linksOf(pod: PodTemplate, services: readonly Manifest[], configMaps: ReadonlyMap<string, Manifest>): Link[] {
  const links = new Map<string, Link>();
  for (const { text, source } of textsOf(pod, configMaps)) {
    for (const m of text.matchAll(ADDRESS)) {
      const [, name, namespace, port] = m;
      const service = services.find((s) => s.doc.metadata?.name === name && s.doc.metadata?.namespace === (namespace ?? pod.namespace));
      const servicePort = ((service?.doc.spec?.ports ?? []) as Obj[]).find((p) => p.port === Number(port));
      if (!service || !servicePort) continue;
      const key = `${name}:${port}`;
      if (!links.has(key)) links.set(key, { service, servicePort, source });
    }
  }
  return [...links.values()];
}

/** The container port (number and name) a Service port reaches on one pod. */
function targetOn(pod: PodTemplate, servicePort: Obj): Obj | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  for (const { container } of containersOf(pod)) {
    const port = declaredPort(container, target, servicePort.protocol);
    if (port) return port;
  }
  return undefined;
}

function portsAllow(rulePorts: Obj[] | undefined, port: Obj): boolean {
  if (!rulePorts || rulePorts.length === 0) return true;
  return rulePorts.some((r) => {
    if ((r.protocol ?? 'TCP') !== (port.protocol ?? 'TCP')) return false;
    if (r.port === undefined) return true;
    if (typeof r.port === 'string') return r.port === port.name;
    return r.endPort !== undefined ? port.containerPort >= r.port && port.containerPort <= r.endPort : r.port === port.containerPort;
  });
}

function peersAllow(peers: Obj[] | undefined, other: PodTemplate, policyNamespace: string | undefined): boolean {
  if (!peers || peers.length === 0) return true;
  return peers.some((peer) => {
    if (isObject(peer.ipBlock)) return false;
    const sameNamespace = other.namespace === policyNamespace;
    if (!isObject(peer.namespaceSelector) && !sameNamespace) return false;
    // A namespaceSelector is taken to match our namespace only when it selects every namespace.
    if (isObject(peer.namespaceSelector) && Object.keys(peer.namespaceSelector).length > 0 && !sameNamespace) return false;
    return !isObject(peer.podSelector) || selectorMatches(peer.podSelector, other.labels);
  });
}

/** Whether the policies selecting `pod` admit traffic in one direction; undefined-by-policy means open. */
function admitted(pod: PodTemplate, policies: readonly Manifest[], direction: 'Ingress' | 'Egress', other: PodTemplate, port: Obj): boolean {
  const selecting = policies.filter((p) => {
    const spec = p.doc.spec ?? {};
    // Kubernetes' default: Ingress always, Egress when the policy has egress rules.
    const types: string[] = spec.policyTypes ?? ['Ingress', ...(spec.egress ? ['Egress'] : [])];
    return p.doc.metadata?.namespace === pod.namespace && types.includes(direction) && selectorMatches(spec.podSelector ?? {}, pod.labels);
  });
  if (selecting.length === 0) return true;
  const field = direction === 'Ingress' ? 'ingress' : 'egress';
  const peers = direction === 'Ingress' ? 'from' : 'to';
  return selecting.some((policy) => ((policy.doc.spec?.[field] ?? []) as Obj[]).some((rule) => peersAllow(rule[peers], other, policy.doc.metadata?.namespace) && portsAllow(rule.ports, port)));
}

export function checkNetworkLinks(manifests: readonly Manifest[]): Problem[] {
  const problems: Problem[] = [];
  const pods = podTemplates(manifests);
  const services = manifests.filter((m) => m.doc.kind === 'Service' && isObject(m.doc.spec?.selector));
  const policies = manifests.filter((m) => m.doc.kind === 'NetworkPolicy');
  const configMaps = new Map(manifests.filter((m) => m.doc.kind === 'ConfigMap').map((m) => [`${m.doc.metadata?.namespace}/${m.doc.metadata?.name}`, m]));
  if (policies.length === 0) return problems;
  for (const pod of pods) {
    for (const link of linksOf(pod, services, configMaps)) {
      const selector = link.service.doc.spec.selector as Record<string, string>;
      const targets = pods.filter((p) => p.namespace === link.service.doc.metadata?.namespace && mapSelectorMatches(selector, p.labels) && p !== pod);
      for (const target of targets) {
        const port = targetOn(target, link.servicePort);
        if (!port) continue; // a dangling targetPort is the references check's to report
        const what = `${link.service.id} port ${link.servicePort.port} (named in ${link.source})`;
        if (!admitted(pod, policies, 'Egress', target, port)) {
          problems.push({ file: pod.manifest.file, object: pod.manifest.id, check: 'network', message: `reaches ${what}, but no NetworkPolicy lets it send to ${target.manifest.id} on ${port.containerPort}/${port.protocol ?? 'TCP'}` });
        }
        if (!admitted(target, policies, 'Ingress', pod, port)) {
          problems.push({ file: target.manifest.file, object: target.manifest.id, check: 'network', message: `${pod.manifest.id} reaches it through ${what}, but no NetworkPolicy admits that on ${port.containerPort}/${port.protocol ?? 'TCP'}` });
        }
      }
    }
  }
  return problems.filter((p, i) => problems.findIndex((q) => q.object === p.object && q.message === p.message) === i);
}
