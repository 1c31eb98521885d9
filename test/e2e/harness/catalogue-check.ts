/**
 * Catalogues against reality: the families a real exporter exposes compared with its catalogue in
 * constructs/catalogues/, for the families that a dashboard or an alert of the environment reads.
 */
import { MetricFamily, MonitoringStack, seriesNames } from '../../../constructs';
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
  /** Read, absent, and recorded in the catalogue as absent in this situation (with the reason). */
  readonly excused: string[];
  /** Families whose real type differs from the catalogue's (fails the run). */
  readonly wrongType: string[];
  /** Catalogue families nothing reads and the exporter does not expose (reported). */
  readonly missingUnread: string[];
  readonly readCount: number;
}

export function compareCatalogue(catalogue: readonly MetricFamily[], real: ReadonlyMap<string, string>, read: ReadonlySet<string>): CatalogueComparison {
  const missingRead: string[] = [];
  const excused: string[] = [];
  const wrongType: string[] = [];
  const missingUnread: string[] = [];
  let readCount = 0;
  for (const family of catalogue) {
    const isRead = seriesNames(family).some((s) => read.has(s));
    if (isRead) readCount++;
    const type = real.get(family.name);
    if (type === undefined) {
      if (!isRead) missingUnread.push(family.name);
      else if (family.absentWhen) excused.push(`${family.name} (absent ${family.absentWhen})`);
      else missingRead.push(family.name);
    } else if (type !== family.type && type !== 'untyped') {
      wrongType.push(`${family.name}: catalogue ${family.type}, exposed ${type}`);
    }
  }
  return { missingRead, excused, wrongType, missingUnread, readCount };
}

/** The version a `*_build_info` series of an exposition states. */
export function buildVersion(exposition: string): string | undefined {
  return /^[a-z_]+_build_info\{[^}]*\bversion="([^"]+)"/m.exec(exposition)?.[1];
}
