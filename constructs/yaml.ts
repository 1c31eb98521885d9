import * as yaml from 'js-yaml';
import { BoundedCache } from './bounded-cache';

/**
 * YAML the same way everywhere: no line folding, no anchors, keys in the order they were built, so a
 * configuration file holds the same bytes in a ConfigMap and in a bind-mounted file, run after run.
 */
export function toYaml(value: unknown, options: Pick<yaml.DumpOptions, 'quotingType'> = {}): string {
  return yaml.dump(value, { lineWidth: -1, noRefs: true, sortKeys: false, ...options });
}

/**
 * toYaml, dumped once per process for each distinct value: dev, staging and prod render most rule files
 * and manifest entries alike. A value's JSON text identifies plain data; a value holding what JSON would
 * blur (undefined, NaN, ±Infinity, -0, a Date or other class instance, a toJSON method) is dumped each
 * time, without lookup.
 */
export function toYamlOnce(value: unknown): string {
  return isPlainData(value) ? plainToYamlOnce(value) : toYaml(value);
}

/** toYamlOnce for a value its caller has found to be plain data (isPlainData), so it is not walked again. */
export function plainToYamlOnce(value: unknown): string {
  return dumped.get(JSON.stringify(value), () => toYaml(value));
}

const dumped = new BoundedCache<string, string>(4096);

/** Data whose JSON text is all of it: strings, booleans, null, finite numbers but -0, plain objects and arrays. */
export function isPlainData(value: unknown): boolean {
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
