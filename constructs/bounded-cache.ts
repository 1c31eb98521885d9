/**
 * A memo for pure functions whose inputs recur across environments (the same expression, rule file or
 * document rendered for dev, staging and prod). It forgets its oldest entries beyond `limit`, so a long
 * process (a test run, an extension's loop) does not grow without end.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  /** The value remembered under `key`, or the one `derive` gives, remembered. */
  get(key: K, derive: () => V): V {
    if (this.entries.has(key)) return this.entries.get(key) as V;
    const value = derive();
    this.set(key, value);
    return value;
  }

  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.set(key, value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as K);
  }
}
