import { toYaml } from '../../../constructs/yaml';

/** Documents of one file (a manifest of the k8s or operator target), as YAML documents one after another. */
export function manifestsYaml(docs: readonly unknown[]): string {
  return docs.map((doc) => toYaml(doc)).join('---\n');
}
