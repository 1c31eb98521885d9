import * as yaml from 'js-yaml';

/**
 * YAML the same way everywhere: no line folding, no anchors, keys in the order they were built, so a
 * configuration file holds the same bytes in a ConfigMap and in a bind-mounted file, run after run.
 */
export function toYaml(value: unknown, options: Pick<yaml.DumpOptions, 'quotingType'> = {}): string {
  return yaml.dump(value, { lineWidth: -1, noRefs: true, sortKeys: false, ...options });
}
