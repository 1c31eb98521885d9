/**
 * Every component an environment file can name, with the settings it declares. The order is the
 * schema's (and the README's) order. src/config builds the environment schema from this table.
 */
import { ALERTMANAGER_SETTINGS } from './alertmanager';
import { ELASTICSEARCH_SETTINGS } from './elasticsearch';
import { CADVISOR_SETTINGS } from './exporters/cadvisor';
import { ELASTICSEARCH_EXPORTER_SETTINGS } from './exporters/elasticsearch-exporter';
import { GPU_EXPORTER_SETTINGS } from './exporters/gpu-exporter';
import { LOGSTASH_EXPORTER_SETTINGS } from './exporters/logstash-exporter';
import { NODE_EXPORTER_SETTINGS } from './exporters/node-exporter';
import { POSTGRES_EXPORTER_SETTINGS } from './exporters/postgres-exporter';
import { REDIS_EXPORTER_SETTINGS } from './exporters/redis-exporter';
import { GRAFANA_SETTINGS } from './grafana';
import { JAEGER_SETTINGS } from './jaeger';
import { JAEGER_INDEX_CLEANER_SETTINGS } from './jaeger-index-cleaner';
import { KIBANA_SETTINGS } from './kibana';
import { LOGSTASH_SETTINGS } from './logstash';
import { LOKI_SETTINGS } from './loki';
import { PROMETHEUS_SETTINGS } from './prometheus';
import { PROMTAIL_SETTINGS } from './promtail';
import { ComponentSettingsDeclaration } from './settings';

export const COMPONENT_SETTINGS = Object.freeze({
  prometheus: PROMETHEUS_SETTINGS,
  alertmanager: ALERTMANAGER_SETTINGS,
  grafana: GRAFANA_SETTINGS,
  loki: LOKI_SETTINGS,
  promtail: PROMTAIL_SETTINGS,
  jaeger: JAEGER_SETTINGS,
  'jaeger-index-cleaner': JAEGER_INDEX_CLEANER_SETTINGS,
  elasticsearch: ELASTICSEARCH_SETTINGS,
  logstash: LOGSTASH_SETTINGS,
  kibana: KIBANA_SETTINGS,
  'node-exporter': NODE_EXPORTER_SETTINGS,
  cadvisor: CADVISOR_SETTINGS,
  'redis-exporter': REDIS_EXPORTER_SETTINGS,
  'postgres-exporter': POSTGRES_EXPORTER_SETTINGS,
  'gpu-exporter': GPU_EXPORTER_SETTINGS,
  'elasticsearch-exporter': ELASTICSEARCH_EXPORTER_SETTINGS,
  'logstash-exporter': LOGSTASH_EXPORTER_SETTINGS,
} satisfies Record<string, ComponentSettingsDeclaration>);

export type ComponentName = keyof typeof COMPONENT_SETTINGS;
export const COMPONENT_NAMES = Object.keys(COMPONENT_SETTINGS) as ComponentName[];

/** The declaration of a component by name. */
export function settingsOf(name: ComponentName): ComponentSettingsDeclaration {
  return COMPONENT_SETTINGS[name];
}
