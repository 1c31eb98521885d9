/**
 * A manifest file's objects come from the L1 classes' `manifest()`, not from a cdk8s chart: for every
 * object synth renders (every service, the network policies, the Ingress and the namespace of every
 * built-in environment) and for props with what a chart's synthesis changes (unsorted maps, undefined and
 * null values, empty metadata maps, IntOrString and Quantity), the JSON is the JSON `Chart.toJson()` gives.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { App, Chart } from 'cdk8s';
import { builtinEnvironmentNames } from '../../src/config/load';
import { k8s } from '../../src/render/kubernetes/k8s';
import { L1Kind, ManifestFile } from '../../src/render/kubernetes/manifest-file';
import { renderNetworkPolicies } from '../../src/render/kubernetes/network';
import { renderIngress, uiPorts } from '../../src/render/kubernetes/ingress';
import { renderService } from '../../src/render/kubernetes/objects';
import { renderNamespace } from '../../src/render/kubernetes/renderer';
import { kubernetesSpecs, stackOf } from '../helpers/stack';

type Added = [kind: L1Kind<never>, props: unknown];

/** Records what is added, so the same objects can be made in a chart too. */
class Recording extends ManifestFile {
  readonly added: Added[] = [];
  override add<P extends { readonly metadata?: { readonly name?: string } }>(kind: L1Kind<P>, props: NoInfer<P>): void {
    this.added.push([kind as L1Kind<never>, props]);
    super.add(kind, props);
  }
}

/** The same objects in a cdk8s chart of their own, as the renderers made them before. */
function chartJson(added: readonly Added[]): unknown[] {
  const chart = new Chart(new App(), 'file', { disableResourceNameHashes: true });
  added.forEach(([kind, props], i) => new (kind as unknown as new (scope: Chart, id: string, props: unknown) => unknown)(chart, `object-${i}`, props));
  return chart.toJson();
}

function assertAsChart(build: (file: Recording) => void): number {
  const file = new Recording();
  build(file);
  assert.ok(file.added.length > 0);
  assert.deepEqual(file.documents, chartJson(file.added));
  // The same key order too: the YAML follows it.
  assert.equal(JSON.stringify(file.documents), JSON.stringify(chartJson(file.added)));
  return file.added.length;
}

describe('manifest files without a chart', () => {
  for (const env of builtinEnvironmentNames()) {
    it(`${env}: every object as a chart renders it`, () => {
      const stack = stackOf(env);
      const { namespace, kubernetes: cluster, ingress } = stack.environment;
      const specs = kubernetesSpecs(env);
      let objects = assertAsChart((file) => renderNamespace(file, namespace));
      for (const spec of specs) objects += assertAsChart((file) => renderService(file, spec, namespace, cluster));
      objects += assertAsChart((file) => renderNetworkPolicies(file, specs, namespace, cluster.dns, ingress));
      if (ingress && uiPorts(specs).length > 0) objects += assertAsChart((file) => renderIngress(file, specs, namespace, ingress));
      assert.ok(objects > 30, `${objects} objects compared`);
    });
  }

  it('what a chart changes: map order, undefined and null, empty metadata maps, IntOrString, Quantity', () => {
    assertAsChart((file) => {
      file.add(k8s.KubeConfigMap, {
        metadata: { name: 'b', labels: {}, annotations: { z: '1', a: '2' }, finalizers: [] },
        data: { 'z.yaml': 'z', 'a.yaml': 'a', 'm.yaml': undefined as unknown as string },
      });
      file.add(k8s.KubeDeployment, {
        metadata: { name: 'a', namespace: 'ns', labels: { z: 'z', a: 'a' } },
        spec: {
          replicas: undefined,
          selector: { matchLabels: { z: 'z', a: 'a' } },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(0), maxSurge: k8s.IntOrString.fromString('25%') } },
          template: {
            metadata: { labels: {}, annotations: {} },
            spec: {
              containers: [{ name: 'c', image: 'x:1', args: [], env: [], resources: { limits: { memory: k8s.Quantity.fromString('1Gi'), cpu: k8s.Quantity.fromNumber(2) } } }],
              nodeSelector: null as unknown as Record<string, string>,
            },
          },
        },
      });
    });
  });

  it('an object without a name is refused, as no chart is there to make one up', () => {
    assert.throws(() => new ManifestFile().add(k8s.KubeConfigMap, { metadata: {}, data: {} }), /KubeConfigMap without metadata\.name/);
  });
});
