/** The datasources dashboards query, by the fixed uids the stack provisions them with. */
export type DatasourceType = 'prometheus' | 'loki' | 'jaeger' | 'elasticsearch';

/** Fixed uids (contracts): Grafana provisions each datasource under the uid of its type. */
export const DATASOURCE_UIDS: Readonly<Record<DatasourceType, string>> = Object.freeze({
  prometheus: 'prometheus',
  loki: 'loki',
  jaeger: 'jaeger',
  elasticsearch: 'elasticsearch',
});

/** Display names of the provisioned datasources, for a datasource variable's default. */
export const DATASOURCE_NAMES: Readonly<Record<DatasourceType, string>> = Object.freeze({
  prometheus: 'Prometheus',
  loki: 'Loki',
  jaeger: 'Jaeger',
  elasticsearch: 'Elasticsearch',
});
