/** What a renderer produces: relative file path → contents, in the order they should be listed. */
export type RenderedFiles = Map<string, string>;

import * as yaml from 'js-yaml';

/** YAML the same way everywhere: no line folding, no anchors, keys in the order they were built. */
export function toYaml(value: unknown): string {
  return yaml.dump(value, { lineWidth: -1, noRefs: true, sortKeys: false });
}
