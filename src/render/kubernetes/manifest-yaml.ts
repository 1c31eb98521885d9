import { BoundedCache } from '../../../constructs/bounded-cache';
import { toYaml } from '../../../constructs/yaml';

/**
 * A manifest as YAML, for the k8s and operator targets. The dashboards' ConfigMaps, most of the bytes, are
 * the same in every environment: each distinct manifest is dumped once. Its JSON text identifies plain
 * data; a manifest holding what JSON would blur (undefined, NaN, ±Infinity, -0, a Date or other class
 * instance) is dumped without lookup.
 */
export function manifestYaml(doc: unknown): string {
  let plain = true;
  const key = JSON.stringify(doc, function (this: Record<string, unknown>, k: string, v: unknown) {
    const raw = this[k];
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw) || Object.is(raw, -0)) plain = false;
    } else if (raw === undefined || typeof raw === 'function' || typeof raw === 'symbol' || typeof raw === 'bigint') {
      plain = false;
      if (typeof raw === 'bigint') return String(raw); // JSON has none: the dump below decides what it makes of it
    } else if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const proto = Object.getPrototypeOf(raw);
      if (proto !== Object.prototype && proto !== null) plain = false;
    }
    return v;
  });
  return plain && key !== undefined ? dumpedManifests.get(key, () => toYaml(doc)) : toYaml(doc);
}

const dumpedManifests = new BoundedCache<string, string>(512);
