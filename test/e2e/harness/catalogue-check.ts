/**
 * Catalogues against reality: the families a real exporter exposes compared with its catalogue in
 * constructs/catalogues/, for the families that a dashboard or an alert of the environment reads.
 */
import { familyAtRelease, MetricFamily, MonitoringStack, ReleaseDifference, seriesNames } from '../../../constructs';
import { ExposedFamily } from '../exposition';
import { parsePromql } from '../../../src/promql/parse';

/** Every series name the stack's rules and Prometheus dashboard queries read. */
export function seriesReadByStack(stack: MonitoringStack): Set<string> {
  return stack.inOnePass(() => {
    const read = new Set<string>();
    const exprs: string[] = [];
    for (const contents of stack.ruleFileContents.values()) exprs.push(...contents.uses.map((u) => u.expr));
    for (const dashboard of stack.grafana?.provisionedDashboards ?? []) {
      for (const q of dashboard.queries ?? []) if (q.datasource === 'prometheus') exprs.push(q.expr);
    }
    for (const expr of exprs) for (const m of parsePromql(expr).metrics) read.add(m);
    return read;
  });
}

export interface CatalogueComparison {
  /** Families read by a dashboard or alert and absent from the exporter (fails the run). */
  readonly missingRead: string[];
  /** Read, absent, and recorded in the catalogue as absent in this situation or release (with the reason). */
  readonly excused: string[];
  /** Families whose real type differs from the catalogue's (fails the run). */
  readonly wrongType: string[];
  /**
   * Read families whose real labels differ from the catalogue's, as the release checked has them: a
   * declared label missing (a query grouping or matching on it reads nothing) or an undeclared one
   * present (a query aggregating to the declared labels would merge or split series). Fails the run.
   */
  readonly wrongLabelsRead: string[];
  /** The same on families nothing reads (reported). */
  readonly wrongLabelsUnread: string[];
  /** Catalogue families nothing reads and the exporter does not expose (reported). */
  readonly missingUnread: string[];
  /** The catalogue's recorded differences of older releases the comparison applied, one line per family. */
  readonly applied: string[];
  readonly readCount: number;
}

/**
 * Compares a catalogue with a real exposition. `release` is the exporter's version: every difference the
 * catalogue records for releases older than it is applied first (a renamed family is looked up by its
 * old name, a label added later is not expected); without it the catalogue is taken as it stands.
 */
export function compareCatalogue(catalogue: readonly MetricFamily[], real: ReadonlyMap<string, ExposedFamily>, read: ReadonlySet<string>, release?: string): CatalogueComparison {
  const c: { -readonly [K in keyof CatalogueComparison]: CatalogueComparison[K] } = { missingRead: [], excused: [], wrongType: [], wrongLabelsRead: [], wrongLabelsUnread: [], missingUnread: [], applied: [], readCount: 0 };
  for (const pinned of catalogue) {
    // What the stack reads is the pinned release's names.
    const isRead = seriesNames(pinned).some((s) => read.has(s));
    if (isRead) c.readCount++;
    const { family, applied } = release === undefined ? { family: pinned, applied: [] } : familyAtRelease(pinned, release);
    if (applied.length > 0) c.applied.push(`${pinned.name}: ${applied.map(describeDifference).join('; ')}`);
    if (!family) {
      if (isRead) c.excused.push(`${pinned.name} (absent before ${applied.find((d) => d.absent)!.before})`);
      continue;
    }
    const exposed = real.get(family.name);
    if (exposed === undefined) {
      if (!isRead) c.missingUnread.push(family.name);
      else if (family.absentWhen) c.excused.push(`${family.name} (absent ${family.absentWhen})`);
      else c.missingRead.push(family.name);
      continue;
    }
    if (exposed.type !== family.type && exposed.type !== 'untyped') c.wrongType.push(`${family.name}: catalogue ${family.type}, exposed ${exposed.type}`);
    if (!family.labels) continue;
    const lacking = family.labels.filter((l) => !exposed.labels.has(l));
    const extra = [...exposed.labels].filter((l) => !family.labels!.includes(l)).sort();
    if (lacking.length === 0 && extra.length === 0) continue;
    const problem = `${family.name}: ${[lacking.length ? `lacks ${lacking.join(', ')}` : '', extra.length ? `has undeclared ${extra.join(', ')}` : ''].filter(Boolean).join(' and ')}`;
    (isRead ? c.wrongLabelsRead : c.wrongLabelsUnread).push(problem);
  }
  return c;
}

function describeDifference(d: ReleaseDifference): string {
  const what = [
    d.absent ? 'absent' : '',
    d.name ? `named ${d.name}` : '',
    d.lacksLabels?.length ? `without ${d.lacksLabels.join(', ')}` : '',
    d.extraLabels?.length ? `with ${d.extraLabels.join(', ')}` : '',
  ].filter(Boolean);
  return `${what.join(', ')} before ${d.before}`;
}

/** The version the exporter's own `*_build_info` series states (not `go_build_info`, the Go module's). */
export function buildVersion(exposition: string): string | undefined {
  for (const m of exposition.matchAll(/^([a-z_]+)_build_info\{[^}]*\bversion="([^"]+)"/gm)) if (m[1] !== 'go') return m[2];
  return undefined;
}
