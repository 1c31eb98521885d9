import { isPlainData, toYaml, toYamlOnce } from '../../../constructs/yaml';

/**
 * A manifest as YAML, for the k8s and operator targets. Most of the bytes recur: the dashboards' ConfigMaps
 * are the same in every environment, and the operator target holds the same dashboards, services and
 * policies as the k8s target under other metadata. So each top-level entry of a manifest is dumped once
 * per process: a block mapping's YAML is its entries' YAML one after another, each dumped as a mapping of
 * its own (no anchors, no sorting, no line folding: see toYaml). A manifest holding what JSON would blur
 * is dumped whole (see toYamlOnce).
 */
export function manifestYaml(doc: unknown): string {
  if (!isPlainData(doc)) return toYaml(doc);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || Object.keys(doc).length === 0) return toYamlOnce(doc);
  return Object.entries(doc).map(([key, value]) => toYamlOnce({ [key]: value })).join('');
}
