import { BoundedCache } from '../../../constructs/bounded-cache';
import { toYaml } from '../../../constructs/yaml';

/**
 * A manifest as YAML, for the k8s and operator targets. The dashboards' ConfigMaps, most of the bytes, are
 * the same in every environment: each distinct manifest is dumped once. Its JSON text identifies plain
 * data; a manifest holding what JSON would blur (undefined, NaN, ±Infinity, -0, a Date or other class
 * instance) is dumped without lookup.
 */
export function manifestYaml(doc: unknown): string {
  return isPlainData(doc) ? dumpedManifests.get(JSON.stringify(doc), () => toYaml(doc)) : toYaml(doc);
}

/** Data whose JSON text is all of it: strings, booleans, null, finite numbers but -0, plain objects and arrays. */
function isPlainData(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        // A hole reads as undefined: not plain.
        for (let i = 0; i < value.length; i++) if (!isPlainData(value[i])) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      // A walk and one native stringify cost less than a replacer called for every value.
      for (const key in value) if (!isPlainData((value as Record<string, unknown>)[key])) return false;
      return true;
    }
    default:
      return false; // undefined, a function, a symbol, a bigint
  }
}

const dumpedManifests = new BoundedCache<string, string>(512);
