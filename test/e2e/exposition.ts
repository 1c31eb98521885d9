/** The metric families of a Prometheus text exposition (`/metrics`): declared type and the label names of their samples. */
export interface ExposedFamily {
  readonly type: string;
  /** Label names on the family's samples, `le` and `quantile` left out (they follow from the type). */
  readonly labels: Set<string>;
}

const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*"/g;
const TYPE_LABELS = new Set(['le', 'quantile']);

/** Every family of an exposition, by name. */
export function exposedFamilies(text: string): Map<string, ExposedFamily> {
  const families = new Map<string, ExposedFamily>();
  for (const line of text.split('\n')) {
    const typed = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (\w+)/.exec(line);
    if (typed) {
      families.set(typed[1], { type: typed[2], labels: families.get(typed[1])?.labels ?? new Set() });
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^\n]*\})?[ \t]/.exec(line);
    if (!sample) continue;
    // A sample without a TYPE line is an untyped family of its own name.
    let name = familyOfSample(sample[1], families);
    if (!name) families.set((name = sample[1]), { type: 'untyped', labels: new Set() });
    const labels = families.get(name)!.labels;
    for (const pair of (sample[2] ?? '').matchAll(LABEL_PAIR)) if (!TYPE_LABELS.has(pair[1])) labels.add(pair[1]);
  }
  return families;
}

/** The families of an exposition, by name, with their declared type. */
export function familiesOf(text: string): Map<string, string> {
  return new Map([...exposedFamilies(text)].map(([name, f]) => [name, f.type]));
}

/** The declared family a sample belongs to (`x_bucket` belongs to histogram `x`). */
function familyOfSample(name: string, families: ReadonlyMap<string, ExposedFamily>): string | undefined {
  if (families.has(name)) return name;
  const base = name.replace(/_(bucket|sum|count|total|created)$/, '');
  return families.has(base) ? base : undefined;
}
