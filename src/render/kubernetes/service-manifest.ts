/** A service's manifest file, made once per description for the k8s and operator targets. */
import { ResolvedServiceSpec } from '../../../constructs';
import { ResolvedClusterSettings } from '../../config/cluster-settings';
import { manifestFileYaml } from './manifest-file';
import { renderService } from './objects';

/**
 * A function of the service's description, namespace and cluster settings alone, so it is made once per
 * description. The k8s and operator targets render the same services from the same descriptions in one
 * pass (describe gives one object per component and pass); the operator target reuses the k8s target's
 * text. A later pass describes anew, so nothing stale is reused.
 */
export function serviceManifest(spec: ResolvedServiceSpec, namespace: string, cluster: ResolvedClusterSettings): string {
  const made = serviceFiles.get(spec);
  if (made && made.namespace === namespace && made.cluster === cluster) return made.text;
  const text = manifestFileYaml((file) => renderService(file, spec, namespace, cluster));
  serviceFiles.set(spec, { namespace, cluster, text });
  return text;
}

const serviceFiles = new WeakMap<ResolvedServiceSpec, { namespace: string; cluster: ResolvedClusterSettings; text: string }>();
