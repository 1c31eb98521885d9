/** The metric families of a Prometheus text exposition (`/metrics`), by name, with their declared type. */
export function familiesOf(text: string): Map<string, string> {
  const families = new Map<string, string>();
  for (const line of text.split('\n')) {
    const typed = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (\w+)/.exec(line);
    if (typed) {
      families.set(typed[1], typed[2]);
      continue;
    }
    // A sample without a TYPE line is an untyped family of its own name.
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (sample && !line.startsWith('#') && !familyOfSample(sample[1], families)) families.set(sample[1], 'untyped');
  }
  return families;
}

/** The declared family a sample belongs to (`x_bucket` belongs to histogram `x`). */
function familyOfSample(name: string, families: ReadonlyMap<string, string>): string | undefined {
  if (families.has(name)) return name;
  const base = name.replace(/_(bucket|sum|count|total|created)$/, '');
  return families.has(base) ? base : undefined;
}
