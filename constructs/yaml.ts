import * as yaml from 'js-yaml';
import { blockYaml, jsYamlOptions, QuotingType } from './block-yaml';

/**
 * YAML the same way everywhere: no line folding, no anchors, keys in the order they were built, so a
 * configuration file holds the same bytes in a ConfigMap and in a bind-mounted file, run after run.
 * js-yaml's output; plain data is written by blockYaml, which gives the same bytes at a fraction of the cost.
 */
export function toYaml(value: unknown, options: { quotingType?: QuotingType } = {}): string {
  const quotingType = options.quotingType ?? "'";
  return blockYaml(value, quotingType) ?? yaml.dump(value, jsYamlOptions(quotingType));
}
