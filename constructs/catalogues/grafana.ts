/** Grafana's own metrics (grafana/grafana 13.x, /metrics), scraped by the `grafana` job. */
import { counter, gauge, histogram, MetricFamily } from '../metrics';
import { GO_SERVICE } from './runtime';

export const GRAFANA_METRICS: readonly MetricFamily[] = [
  gauge('grafana_build_info', ['branch', 'edition', 'goversion', 'revision', 'version'], 'Version, revision and edition, as labels'),
  histogram('grafana_http_request_duration_seconds', ['grafana_team', 'handler', 'method', 'slo_group', 'status_code', 'status_source'], 'HTTP request latency, by handler and status'),
  gauge('grafana_http_request_in_flight', [], 'Requests being served'),
  counter('grafana_api_response_status_total', ['code'], 'API responses, by code'),
  counter('grafana_page_response_status_total', ['code'], 'Page responses, by code'),
  counter('grafana_proxy_response_status_total', ['code'], 'Datasource proxy responses, by code'),
  counter('grafana_datasource_request_total', ['code', 'datasource', 'datasource_type', 'method', 'secure_socks_ds_proxy_enabled'], 'Requests to datasources, by datasource and code'),
  histogram('grafana_datasource_request_duration_seconds', ['code', 'datasource', 'datasource_type', 'method', 'secure_socks_ds_proxy_enabled'], 'Latency of datasource requests'),
  gauge('grafana_datasource_request_in_flight', ['datasource', 'datasource_type', 'secure_socks_ds_proxy_enabled'], 'Datasource requests in flight'),
  gauge('grafana_stat_totals_dashboard', [], 'Dashboards stored'),
  gauge('grafana_stat_total_users', [], 'Users'),
  gauge('grafana_stat_active_users', [], 'Users active in the last 30 days'),
  gauge('grafana_stat_totals_datasource', ['dstype'], 'Datasources, by plugin'),
  gauge('grafana_database_conn_open', [], 'Open connections to the database'),
  gauge('grafana_plugin_build_info', ['plugin_id', 'plugin_type', 'signature_status', 'version'], 'Installed plugins, as labels'),
  ...GO_SERVICE,
];
