/** What a panel asks a datasource: PromQL, LogQL, or a Jaeger trace search/lookup. */
export interface PromQuery {
  readonly datasource: 'prometheus';
  readonly expr: string;
  /** Grafana legend template, `{{label}}` for label values. */
  readonly legend?: string;
  /** One value per series at the end of the range (stat/gauge/table panels). @default false */
  readonly instant?: boolean;
  /** `table` for table panels. @default 'time_series' */
  readonly format?: 'time_series' | 'table';
}

export interface LokiQuery {
  readonly datasource: 'loki';
  readonly expr: string;
  readonly legend?: string;
  /** Lines returned by a log query. @default 1000 */
  readonly maxLines?: number;
}

export interface JaegerQuery {
  readonly datasource: 'jaeger';
  /** Look one trace up by id (a variable like `$trace_id`), or search by service. */
  readonly traceId?: string;
  readonly search?: { readonly service: string; readonly operation?: string; readonly limit?: number };
}

export type Target = PromQuery | LokiQuery | JaegerQuery;

export function promql(expr: string, legend?: string, extra: Omit<PromQuery, 'datasource' | 'expr' | 'legend'> = {}): PromQuery {
  return { datasource: 'prometheus', expr, legend, ...extra };
}

export function logql(expr: string, legend?: string, extra: Omit<LokiQuery, 'datasource' | 'expr' | 'legend'> = {}): LokiQuery {
  return { datasource: 'loki', expr, legend, ...extra };
}

export function traceSearch(service: string, limit = 20, operation?: string): JaegerQuery {
  return { datasource: 'jaeger', search: { service, operation, limit } };
}

export function traceById(traceId: string): JaegerQuery {
  return { datasource: 'jaeger', traceId };
}

/** The text of a target as its datasource reads it; Jaeger's is the lookup it stands for. */
export function targetText(target: Target): string {
  switch (target.datasource) {
    case 'prometheus':
    case 'loki':
      return target.expr;
    case 'jaeger':
      return target.traceId !== undefined
        ? `trace ${target.traceId}`
        : `search service=${target.search?.service ?? ''}${target.search?.operation ? ` operation=${target.search.operation}` : ''}`;
  }
}
