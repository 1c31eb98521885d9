import { BoundedCache } from '../../../constructs/bounded-cache';
import { toYaml } from '../../../constructs/yaml';

/**
 * A manifest as YAML, for the k8s and operator targets. Most of the bytes recur: the dashboards' ConfigMaps
 * are the same in every environment, and the operator target holds the same dashboards, services and
 * policies as the k8s target under other metadata. So each top-level entry of a manifest is dumped once
 * per process: a block mapping's YAML is its entries' YAML one after another, each dumped as a mapping of
 * its own (no anchors, no sorting, no line folding: see toYaml). An entry's JSON text identifies plain
 * data; a manifest holding what JSON would blur (undefined, NaN, ±Infinity, -0, a Date or other class
 * instance, a toJSON method) is dumped whole without lookup.
 */
export function manifestYaml(doc: unknown): string {
  if (!isPlainData(doc)) return toYaml(doc);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || Object.keys(doc).length === 0) return dumpedOnce(doc);
  return Object.entries(doc).map(([key, value]) => dumpedOnce({ [key]: value })).join('');
}

function dumpedOnce(plain: unknown): string {
  return dumpedEntries.get(JSON.stringify(plain), () => toYaml(plain));
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

const dumpedEntries = new BoundedCache<string, string>(4096);
