/** Grafana's own metrics (grafana/grafana 13.x, /metrics), scraped by the `grafana` job. */
import { counter, gauge, histogram, MetricFamily } from '../metrics';
import { GO_SERVICE } from './runtime';

export const GRAFANA_METRICS: readonly MetricFamily[] = [
  gauge('grafana_build_info', 'Version, revision and edition, as labels'),
  histogram('grafana_http_request_duration_seconds', 'HTTP request latency, by handler and status'),
  gauge('grafana_http_request_in_flight', 'Requests being served'),
  counter('grafana_api_response_status_total', 'API responses, by code'),
  counter('grafana_page_response_status_total', 'Page responses, by code'),
  counter('grafana_proxy_response_status_total', 'Datasource proxy responses, by code'),
  counter('grafana_datasource_request_total', 'Requests to datasources, by datasource and code'),
  histogram('grafana_datasource_request_duration_seconds', 'Latency of datasource requests'),
  gauge('grafana_datasource_request_in_flight', 'Datasource requests in flight'),
  gauge('grafana_stat_totals_dashboard', 'Dashboards stored'),
  gauge('grafana_stat_total_users', 'Users'),
  gauge('grafana_stat_active_users', 'Users active in the last 30 days'),
  gauge('grafana_stat_totals_datasource', 'Datasources, by plugin'),
  gauge('grafana_database_conn_open', 'Open connections to the database'),
  gauge('grafana_plugin_build_info', 'Installed plugins, as labels'),
  ...GO_SERVICE,
];
