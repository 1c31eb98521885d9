/**
 * NetworkPolicies: nothing moves in the namespace unless allowed. Each service admits its clients
 * (the services that link to it, Prometheus on its scrape ports, anyone on a user-facing port, its
 * own copies on peer ports) and may open only the connections it declares.
 */
import { Chart } from 'cdk8s';
import { k8s } from './k8s';
import { ResolvedServiceSpec } from '../../../constructs';
import { ResolvedClusterSettings } from '../../config/cluster-settings';
import { commonLabels, selectorLabels } from './names';

const PROTOCOL = (p?: 'TCP' | 'UDP') => p ?? 'TCP';

export function renderNetworkPolicies(chart: Chart, specs: readonly ResolvedServiceSpec[], namespace: string, dns: ResolvedClusterSettings['dns']): void {
  const meta = (name: string) => ({ name, namespace, labels: { 'app.kubernetes.io/part-of': 'monstack', 'app.kubernetes.io/managed-by': 'monstack' } });
  new k8s.KubeNetworkPolicy(chart, 'default-deny', {
    metadata: meta('default-deny'),
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
  new k8s.KubeNetworkPolicy(chart, 'allow-dns', {
    metadata: meta('allow-dns'),
    spec: {
      podSelector: {},
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
    new k8s.KubeNetworkPolicy(chart, spec.name, {
      metadata: { ...meta(spec.name), labels: commonLabels(spec.name) },
      spec: {
        podSelector: { matchLabels: selectorLabels(spec.name) },
        policyTypes: ['Ingress', 'Egress'],
        ingress: ingressRules(spec, specs),
        egress: egressRules(spec, specs),
      },
    });
  }
}

function from(service: string): k8s.NetworkPolicyPeer {
  return { podSelector: { matchLabels: selectorLabels(service) } };
}

function ingressRules(spec: ResolvedServiceSpec, specs: readonly ResolvedServiceSpec[]): k8s.NetworkPolicyIngressRule[] {
  const rules: k8s.NetworkPolicyIngressRule[] = [];
  // The kubelet's probes are not subject to policies: probe-only ports need no rule.
  for (const port of spec.ports.filter((p) => !p.probeOnly)) {
    const ports = [{ port: k8s.IntOrString.fromNumber(port.port), protocol: PROTOCOL(port.protocol) }];
    if (port.userFacing) {
      rules.push({ ports });
      continue;
    }
    const clients = new Set<string>();
    if (port.peerOnly) clients.add(spec.name);
    for (const other of specs) {
      if (other.links.some((l) => l.service === spec.name && l.port === port.port)) clients.add(other.name);
    }
    // Prometheus reaches what it scrapes through its links; the kubelet's probes are not subject to policies.
    if (clients.size > 0) rules.push({ from: [...clients].sort().map(from), ports });
  }
  return rules;
}

function egressRules(spec: ResolvedServiceSpec, specs: readonly ResolvedServiceSpec[]): k8s.NetworkPolicyEgressRule[] {
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
