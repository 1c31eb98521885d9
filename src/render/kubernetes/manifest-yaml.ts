import { isPlainData, plainToYamlOnce, toYaml } from '../../../constructs/yaml';

/**
 * A manifest as YAML, for the k8s and operator targets. Most of the bytes recur: the dashboards' ConfigMaps
 * are the same in every environment, and the operator target holds the same dashboards, services and
 * policies as the k8s target under other metadata. So each top-level entry of a manifest is dumped once
 * per process: a block mapping's YAML is its entries' YAML one after another, each dumped as a mapping of
 * its own (no anchors, no sorting, no line folding: see toYaml). A manifest holding what JSON would blur
 * is dumped whole (see toYamlOnce in constructs/yaml).
 */
export function manifestYaml(doc: unknown): string {
  // Walked once: its entries are plain when it is.
  if (!isPlainData(doc)) return toYaml(doc);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || Object.keys(doc).length === 0) return plainToYamlOnce(doc);
  return Object.entries(doc).map(([key, value]) => plainToYamlOnce({ [key]: value })).join('');
}

/** Documents of one file, as YAML documents one after another. */
export function manifestsYaml(docs: readonly unknown[]): string {
  return docs.map(manifestYaml).join('---\n');
}
