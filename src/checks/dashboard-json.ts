/**
 * A dashboard's Grafana JSON as the checks read it: parsed once per distinct text (most dashboards are
 * the same in every environment, and the query and variable readers both ask). Shared, hence frozen at the
 * top; undefined for text that is no JSON object (an extension's hand-written JSON may be anything).
 */
import { BoundedCache } from '../../constructs/bounded-cache';

export function dashboardDocument(json: string): Readonly<Record<string, unknown>> | undefined {
  return documents.get(json, () => {
    let doc: unknown;
    try {
      doc = JSON.parse(json);
    } catch {
      return undefined;
    }
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? Object.freeze(doc as Record<string, unknown>) : undefined;
  });
}

const documents = new BoundedCache<string, Readonly<Record<string, unknown>> | undefined>(512);
