import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { composeSpecs, findManifest, manifests, specNamed, stackOf } from '../helpers/stack';

describe('Alertmanager', () => {
  it('forms a 3-copy cluster in prod through a headless peer Service', () => {
    const docs = manifests(renderKubernetes(stackOf('prod')).get('alertmanager.yaml')!);
    const sts = findManifest(docs, 'StatefulSet', 'alertmanager');
    assert.equal(sts.spec.replicas, 3);
    assert.equal(sts.spec.serviceName, 'alertmanager-peers');
    const peers = sts.spec.template.spec.containers[0].args.filter((a: string) => a.startsWith('--cluster.peer='));
    assert.deepEqual(peers, [0, 1, 2].map((i) => `--cluster.peer=alertmanager-${i}.alertmanager-peers.monitoring.svc:9094`));
    // Advertises its pod IP rather than guessing a private one (fails on non-RFC 6890 pod networks).
    const container = sts.spec.template.spec.containers[0];
    assert.ok(container.args.includes('--cluster.advertise-address=[$(POD_IP)]:9094'));
    assert.deepEqual(container.env.find((e: { name: string }) => e.name === 'POD_IP'), { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } });
    const headless = findManifest(docs, 'Service', 'alertmanager-peers');
    assert.equal(headless.spec.clusterIP, 'None');
    assert.equal(headless.spec.publishNotReadyAddresses, true);
    assert.equal(findManifest(docs, 'PodDisruptionBudget', 'alertmanager').spec.maxUnavailable, 1);
  });

  it('runs alone without gossip where there is one copy', () => {
    const spec = specNamed(composeSpecs('prod'), 'alertmanager');
    assert.ok(spec.args.includes('--cluster.listen-address='));
    assert.equal(spec.peerDiscovery, false);
    assert.ok(!spec.ports.some((p) => p.peerOnly));
  });
});
