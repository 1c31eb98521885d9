/** The environment keys for a cluster's realities change the Kubernetes output, and refuse what is not a name. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configErrorOf, findManifest, kubernetesObjects, stackFromYaml, stackOf } from '../helpers/stack';

const claimClass = (text: string, service: string): string | undefined => {
  const stack = stackFromYaml(text);
  const docs = kubernetesObjects(stack, service);
  const sts = docs.find((d) => d.kind === 'StatefulSet');
  if (sts) return sts.spec.volumeClaimTemplates[0].spec.storageClassName;
  return docs.find((d) => d.kind === 'PersistentVolumeClaim')!.spec.storageClassName;
};

describe('cluster settings', () => {
  it('no storage class by default: the cluster\'s default class binds the claims', () => {
    assert.equal(claimClass('extends: prod\n', 'prometheus'), undefined);
  });

  it('a storage class for every claim, and one per component over it', () => {
    const text = 'extends: prod\nkubernetes:\n  storageClass: standard-rwo\n  storageClasses:\n    elasticsearch: premium-rwo\n';
    assert.equal(claimClass(text, 'prometheus'), 'standard-rwo');
    assert.equal(claimClass(text, 'grafana'), 'standard-rwo');
    assert.equal(claimClass(text, 'elasticsearch'), 'premium-rwo');
  });

  it('DNS egress to kube-dns pods by default, to NodeLocal DNSCache\'s address and other DNS pods when set', () => {
    const dnsRule = (stack: ReturnType<typeof stackOf>) => findManifest(kubernetesObjects(stack, 'network-policies'), 'NetworkPolicy', 'allow-dns').spec.egress[0].to;
    assert.deepEqual(dnsRule(stackOf('prod')), [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }]);
    const custom = stackFromYaml('extends: prod\nkubernetes:\n  dns:\n    podLabels: { app.kubernetes.io/name: coredns }\n    nodeLocalAddress: 169.254.20.10\n');
    assert.deepEqual(dnsRule(custom), [
      { namespaceSelector: {}, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'coredns' } } },
      { ipBlock: { cidr: '169.254.20.10/32' } },
    ]);
  });

  it('the GPU exporter\'s runtime class and GPU request, where set, and on nothing else', () => {
    const stack = stackFromYaml('extends: prod\nkubernetes:\n  gpuExporter:\n    runtimeClassName: nvidia\n    gpus: 1\n');
    const ds = findManifest(kubernetesObjects(stack, 'gpu-exporter'), 'DaemonSet', 'gpu-exporter');
    assert.equal(ds.spec.template.spec.runtimeClassName, 'nvidia');
    const { resources } = ds.spec.template.spec.containers[0];
    assert.equal(resources.limits['nvidia.com/gpu'], 1);
    assert.equal(resources.requests['nvidia.com/gpu'], 1);
    const node = findManifest(kubernetesObjects(stack, 'node-exporter'), 'DaemonSet', 'node-exporter');
    assert.equal(node.spec.template.spec.runtimeClassName, undefined);
    const plain = findManifest(kubernetesObjects(stackOf('prod'), 'gpu-exporter'), 'DaemonSet', 'gpu-exporter');
    assert.equal(plain.spec.template.spec.runtimeClassName, undefined);
    assert.equal(plain.spec.template.spec.containers[0].resources.limits['nvidia.com/gpu'], undefined);
  });

  it('refuses what is not a name or an address, naming the key and line', () => {
    const bad = configErrorOf('kubernetes:\n  storageClass: Fast SSD\n');
    assert.equal(bad.keyPath, 'kubernetes.storageClass');
    assert.equal(bad.line, 2);
    assert.equal(configErrorOf('kubernetes:\n  storageClasses:\n    jaeger: fast\n').keyPath, 'kubernetes.storageClasses.jaeger');
    assert.equal(configErrorOf('kubernetes:\n  dns:\n    nodeLocalAddress: 169.254.20.300\n').keyPath, 'kubernetes.dns.nodeLocalAddress');
    assert.equal(configErrorOf('kubernetes:\n  gpuExporter:\n    gpus: -1\n').keyPath, 'kubernetes.gpuExporter.gpus');
    assert.equal(configErrorOf('publicUrls:\n  kibana: https://kibana.example.org/\n').keyPath, 'publicUrls.kibana');
  });

  it('refuses a setting for a component that is off, as it would change nothing', () => {
    const gpu = configErrorOf('extends: prod\ncomponents:\n  gpu-exporter:\n    enabled: false\nkubernetes:\n  gpuExporter:\n    gpus: 1\n');
    assert.equal(gpu.keyPath, 'kubernetes.gpuExporter');
    assert.equal(gpu.line, 6);
    assert.match(gpu.message, /gpu-exporter is turned off/);
    // Promtail ships to Loki, so it is off with it (the loader refuses one without the other).
    const loki = configErrorOf('extends: prod\ncomponents:\n  loki:\n    enabled: false\n  promtail:\n    enabled: false\nkubernetes:\n  storageClasses:\n    loki: fast\n');
    assert.equal(loki.keyPath, 'kubernetes.storageClasses.loki');
    assert.equal(loki.line, 9);
  });
});
