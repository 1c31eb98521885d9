import { closest } from '../util/closest';

/**
 * The candidate a misspelt name most likely meant: one that contains it or is contained in it
 * (`agent` → `agent_id`, `status_code` → `status`), else the nearest within a few edits.
 */
export function suggestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const containing = candidates.filter((c) => c.toLowerCase().includes(lower) || lower.includes(c.toLowerCase()));
  if (containing.length > 0) return [...containing].sort((a, b) => Math.abs(a.length - name.length) - Math.abs(b.length - name.length) || a.localeCompare(b))[0];
  return closest(name, candidates, Math.max(2, Math.floor(name.length / 3)));
}
