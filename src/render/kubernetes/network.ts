/**
 * NetworkPolicies: nothing moves in the namespace unless allowed. Each service admits its clients
 * (the services that link to it, Prometheus on its scrape ports, anyone on a user-facing port, its
 * own copies on peer ports) and may open only the connections it declares.
 */
import { k8s } from './k8s';
import { ManifestFile } from './manifest-file';
import { ResolvedServiceSpec } from '../../../constructs';
import { ResolvedIngress } from '../../config/access-settings';
import { ResolvedClusterSettings } from '../../config/cluster-settings';
import { commonLabels, selectorLabels } from './names';

const PROTOCOL = (p?: 'TCP' | 'UDP') => p ?? 'TCP';

/** Where the namespace is shared with services the output does not run (a cluster's own monitoring). */
export interface SharedNamespace {
  /** Every service the stack describes, those run elsewhere included: their links still admit them. */
  readonly allSpecs: readonly ResolvedServiceSpec[];
  /** Peers that stand for services run elsewhere (the cluster's Prometheus, in its namespace). */
  readonly outside: ReadonlyMap<string, k8s.NetworkPolicyPeer>;
  /** Labels of the output's own pods: the namespace-wide policies select only these. */
  readonly podLabels: Readonly<Record<string, string>>;
}

export function renderNetworkPolicies(file: ManifestFile, specs: readonly ResolvedServiceSpec[], namespace: string, dns: ResolvedClusterSettings['dns'], ingress?: ResolvedIngress, shared?: SharedNamespace): void {
  const podSelector = shared ? { matchLabels: { ...shared.podLabels } } : {};
  const all = shared?.allSpecs ?? specs;
  const from = (service: string): k8s.NetworkPolicyPeer => shared?.outside.get(service) ?? peerOf(service);
  const meta = (name: string) => ({ name, namespace, labels: { 'app.kubernetes.io/part-of': 'monstack', 'app.kubernetes.io/managed-by': 'monstack' } });
  file.add(k8s.KubeNetworkPolicy, {
    metadata: meta('default-deny'),
    spec: { podSelector, policyTypes: ['Ingress', 'Egress'] },
  });
  file.add(k8s.KubeNetworkPolicy, {
    metadata: meta('allow-dns'),
    spec: {
      podSelector,
      policyTypes: ['Egress'],
      egress: [
        {
          // The cluster's DNS pods wherever they run, and NodeLocal DNSCache's address where the cluster
          // has it (pods' lookups then go to the node, which no pod selector matches).
          to: [
            { namespaceSelector: {}, podSelector: { matchLabels: { ...dns.podLabels } } },
            ...(dns.nodeLocalAddress ? [{ ipBlock: { cidr: `${dns.nodeLocalAddress}/32` } }] : []),
          ],
          ports: [
            { port: k8s.IntOrString.fromNumber(53), protocol: 'UDP' },
            { port: k8s.IntOrString.fromNumber(53), protocol: 'TCP' },
          ],
        },
      ],
    },
  });
  // Policies do not apply to pods on the host network: nothing to write for them.
  for (const spec of specs.filter((s) => !s.privileges.hostNetwork)) {
    file.add(k8s.KubeNetworkPolicy, {
      metadata: { ...meta(spec.name), labels: commonLabels(spec.name) },
      spec: {
        podSelector: { matchLabels: selectorLabels(spec.name) },
        policyTypes: ['Ingress', 'Egress'],
        ingress: ingressRules(spec, all, from, ingress),
        egress: egressRules(spec, all, from),
      },
    });
  }
}

function peerOf(service: string): k8s.NetworkPolicyPeer {
  return { podSelector: { matchLabels: selectorLabels(service) } };
}

/** The Ingress controller's pods, wherever in its namespace they run. */
function controller(ingress: ResolvedIngress): k8s.NetworkPolicyPeer {
  return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ingress.controllerNamespace } } };
}

type PeerOf = (service: string) => k8s.NetworkPolicyPeer;

function ingressRules(spec: ResolvedServiceSpec, specs: readonly ResolvedServiceSpec[], from: PeerOf, ingress: ResolvedIngress | undefined): k8s.NetworkPolicyIngressRule[] {
  const rules: k8s.NetworkPolicyIngressRule[] = [];
  // The kubelet's probes are not subject to policies: probe-only ports need no rule.
  for (const port of spec.ports.filter((p) => !p.probeOnly)) {
    const ports = [{ port: k8s.IntOrString.fromNumber(port.port), protocol: PROTOCOL(port.protocol) }];
    // With an Ingress, a UI is reached through its controller and the stack's own clients only;
    // other user-facing ports (shippers sending logs and spans) stay open to their senders.
    if (port.userFacing && !(port.ui && ingress)) {
      rules.push({ ports });
      continue;
    }
    const clients = new Set<string>();
    if (port.peerOnly) clients.add(spec.name);
    for (const other of specs) {
      if (other.links.some((l) => l.service === spec.name && l.port === port.port)) clients.add(other.name);
    }
    // Prometheus reaches what it scrapes through its links; the kubelet's probes are not subject to policies.
    const peers = [...[...clients].sort().map(from), ...(port.ui && ingress ? [controller(ingress)] : [])];
    if (peers.length > 0) rules.push({ from: peers, ports });
  }
  return rules;
}

function egressRules(spec: ResolvedServiceSpec, specs: readonly ResolvedServiceSpec[], from: PeerOf): k8s.NetworkPolicyEgressRule[] {
  if (spec.externalEgress === 'any') return [{}];
  const rules: k8s.NetworkPolicyEgressRule[] = [];
  const byTarget = new Map<string, Set<number>>();
  for (const link of spec.links) {
    if (!specs.some((s) => s.name === link.service)) continue;
    byTarget.set(link.service, (byTarget.get(link.service) ?? new Set()).add(link.port));
  }
  if (spec.peerDiscovery) byTarget.set(spec.name, new Set(spec.ports.filter((p) => !p.probeOnly).map((p) => p.port)));
  for (const [target, ports] of [...byTarget].sort(([a], [b]) => a.localeCompare(b))) {
    const targetSpec = specs.find((s) => s.name === target);
    const protocols = (port: number) => [...new Set((targetSpec?.ports ?? []).filter((p) => p.port === port).map((p) => PROTOCOL(p.protocol)))];
    rules.push({
      to: [from(target)],
      ports: [...ports].sort((a, b) => a - b).flatMap((port) => (protocols(port).length ? protocols(port) : ['TCP']).map((protocol) => ({ port: k8s.IntOrString.fromNumber(port), protocol }))),
    });
  }
  if (spec.externalEgress.length > 0) {
    rules.push({ ports: [...spec.externalEgress].map((port) => ({ port: k8s.IntOrString.fromNumber(port), protocol: 'TCP' })) });
  }
  // The Kubernetes API server, for services that discover through it (its address differs per cluster).
  if (spec.apiAccess.length > 0) {
    rules.push({ ports: [443, 6443].map((port) => ({ port: k8s.IntOrString.fromNumber(port), protocol: 'TCP' })) });
  }
  return rules;
}
