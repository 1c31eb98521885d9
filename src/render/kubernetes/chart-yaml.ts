/** A manifest file of the Kubernetes targets: one cdk8s chart, dumped as YAML documents. */
import { App, Chart } from 'cdk8s';
import { ResolvedServiceSpec } from '../../../constructs';
import { ResolvedClusterSettings } from '../../config/cluster-settings';
import { manifestYaml } from './manifest-yaml';
import { renderService } from './objects';

/**
 * The file `build` fills. One app per file: a chart's toJson() resolves and validates its whole app, so
 * charts sharing one app would make each file cost as much as all the files before it.
 */
export function chartYaml(file: string, build: (chart: Chart) => void): string {
  const chart = new Chart(new App(), file.replace(/\.yaml$/, ''), { disableResourceNameHashes: true });
  build(chart);
  return chart.toJson().map(manifestYaml).join('---\n');
}

/**
 * A service's file: a function of its description, namespace and cluster settings alone, so it is made
 * once per description. The k8s and operator targets render the same services from the same
 * descriptions in one pass (describe gives one object per component and pass); the operator target
 * reuses the k8s target's text. A later pass describes anew, so nothing stale is reused.
 */
export function serviceManifest(spec: ResolvedServiceSpec, namespace: string, cluster: ResolvedClusterSettings): string {
  const made = serviceFiles.get(spec);
  if (made && made.namespace === namespace && made.cluster === cluster) return made.text;
  const text = chartYaml(`${spec.name}.yaml`, (chart) => renderService(chart, spec, namespace, cluster));
  serviceFiles.set(spec, { namespace, cluster, text });
  return text;
}

const serviceFiles = new WeakMap<ResolvedServiceSpec, { namespace: string; cluster: ResolvedClusterSettings; text: string }>();
