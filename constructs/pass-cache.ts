/**
 * What a stack derives from its parts (rule files, dashboards, the description of each component)
 * cannot be kept for good: extensions and tests add jobs, rules and dashboards after construction, and
 * the next description must see them. Within one pass over the stack (a render, a check) nothing is
 * added, so there each value is derived once and shared by everything that asks for it.
 */
export class PassCache {
  private depth = 0;
  private readonly values = new Map<unknown, unknown>();

  /** Runs `work` as one pass, or as part of the pass already running; the values go when the outermost ends. */
  run<T>(work: () => T): T {
    this.depth++;
    try {
      return work();
    } finally {
      if (--this.depth === 0) this.values.clear();
    }
  }

  /** The value `derive` gives, derived once per pass under `key`; outside a pass, derived on every call. */
  get<T>(key: unknown, derive: () => T): T {
    if (this.depth === 0) return derive();
    if (!this.values.has(key)) this.values.set(key, derive());
    return this.values.get(key) as T;
  }
}
