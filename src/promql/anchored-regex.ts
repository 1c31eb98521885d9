import { BoundedCache } from '../../constructs/bounded-cache';

/**
 * A regex of a label matcher or relabelling rule, anchored as Prometheus anchors it; undefined when the
 * text is no valid regex. Made once per distinct text: every series of every job passes its job's rules,
 * and each environment checks the same matchers. Shared objects are safe: without the g or y flag,
 * `test` and `replace` keep no state in them.
 */
export function anchoredRegex(pattern: string): RegExp | undefined {
  return compiled.get(pattern, () => {
    try {
      return new RegExp(`^(?:${pattern})$`);
    } catch {
      return undefined;
    }
  });
}

const compiled = new BoundedCache<string, RegExp | undefined>(4096);
