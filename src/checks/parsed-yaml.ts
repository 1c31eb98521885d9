/**
 * Rendered configuration the checks read back (prometheus.yml, Promtail's file), parsed once per distinct
 * text: dev, staging and prod render much of it alike. What it returns is shared, so it is frozen.
 */
import * as yaml from 'js-yaml';
import { BoundedCache } from '../../constructs/bounded-cache';

export function parsedYaml(text: string): unknown {
  return parsed.get(text, () => deepFreeze(yaml.load(text)));
}

const parsed = new BoundedCache<string, unknown>(256);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
