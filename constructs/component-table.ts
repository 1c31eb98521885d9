/**
 * Every component of the stack, in the order the stack makes them (a component's entry may read those
 * made before it): what an environment may set on it (its settings declaration), what its scrape job
 * exposes (its metric catalogue) and how the stack makes it from its props. The environment schema,
 * the stack and the catalogues all follow this table: adding a component is its file and one line here.
 */
import { Alertmanager, ALERTMANAGER_SETTINGS, AlertmanagerProps } from './alertmanager';
import { ALERTMANAGER_METRICS } from './catalogues/alertmanager';
import { CADVISOR_METRICS } from './catalogues/cadvisor';
import { ELASTICSEARCH_EXPORTER_METRICS } from './catalogues/elasticsearch-exporter';
import { GPU_EXPORTER_METRICS } from './catalogues/gpu-exporter';
import { GRAFANA_METRICS } from './catalogues/grafana';
import { JAEGER_METRICS } from './catalogues/jaeger';
import { LOGSTASH_EXPORTER_METRICS } from './catalogues/logstash-exporter';
import { LOKI_METRICS } from './catalogues/loki';
import { NODE_EXPORTER_METRICS } from './catalogues/node-exporter';
import { POSTGRES_EXPORTER_METRICS } from './catalogues/postgres-exporter';
import { PROMETHEUS_METRICS } from './catalogues/prometheus';
import { PROMTAIL_METRICS } from './catalogues/promtail';
import { REDIS_EXPORTER_METRICS } from './catalogues/redis-exporter';
import { Component } from './component';
import { Elasticsearch, ELASTICSEARCH_SETTINGS, ElasticsearchProps } from './elasticsearch';
import { Cadvisor, CADVISOR_SETTINGS, CadvisorProps } from './exporters/cadvisor';
import { ElasticsearchExporter, ELASTICSEARCH_EXPORTER_SETTINGS, ElasticsearchExporterProps } from './exporters/elasticsearch-exporter';
import { GpuExporter, GPU_EXPORTER_SETTINGS, GpuExporterProps } from './exporters/gpu-exporter';
import { LogstashExporter, LOGSTASH_EXPORTER_SETTINGS, LogstashExporterProps } from './exporters/logstash-exporter';
import { NodeExporter, NODE_EXPORTER_SETTINGS, NodeExporterProps } from './exporters/node-exporter';
import { PostgresExporter, POSTGRES_EXPORTER_SETTINGS, PostgresExporterProps } from './exporters/postgres-exporter';
import { RedisExporter, REDIS_EXPORTER_SETTINGS, RedisExporterProps } from './exporters/redis-exporter';
import { Grafana, GRAFANA_SETTINGS, GrafanaProps } from './grafana';
import { Jaeger, JAEGER_SETTINGS, JaegerProps } from './jaeger';
import { JaegerIndexCleaner, JAEGER_INDEX_CLEANER_SETTINGS, JaegerIndexCleanerProps } from './jaeger-index-cleaner';
import { Kibana, KIBANA_SETTINGS, KibanaProps } from './kibana';
import { Logstash, LOGSTASH_SETTINGS, LogstashProps } from './logstash';
import { Loki, LOKI_SETTINGS, LokiProps } from './loki';
import { MetricFamily } from './metrics';
import { Prometheus, PROMETHEUS_SETTINGS, PrometheusProps } from './prometheus';
import { Promtail, PROMTAIL_SETTINGS, PromtailProps } from './promtail';
import { ComponentSettingsDeclaration } from './settings';
import type { MonitoringStack } from './stack';

/** One component as the stack knows it. `P` is what its props in the stack's props may say. */
export interface ComponentEntry<P extends object, C extends Component> {
  /** What an environment file may set on it; the schema, the README and the checks read it. */
  readonly settings: ComponentSettingsDeclaration;
  /** What its scrape job (named after the component) exposes; absent where Prometheus does not scrape it. */
  readonly metrics?: readonly MetricFamily[];
  /**
   * Makes it in the stack (its scope and the source of what it is wired to: the stack's props and the
   * components made before it); undefined where it has nothing to do there (an exporter without what it watches).
   */
  readonly make: (stack: MonitoringStack, props: P) => C | undefined;
}

/** Holds an entry's props and component types together. */
function entry<P extends object, C extends Component>(e: ComponentEntry<P, C>): ComponentEntry<P, C> {
  return e;
}

/** The object without its undefined values, so that they do not hide a component's defaults. */
function defined<T extends object>(props: T): T {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as T;
}

export const COMPONENTS = Object.freeze({
  prometheus: entry({
    settings: PROMETHEUS_SETTINGS,
    metrics: PROMETHEUS_METRICS,
    // The application's job and the environment's label are the stack's, the password its access setting.
    make: (stack, props: Omit<PrometheusProps, 'application' | 'authentication'>) =>
      new Prometheus(stack, 'prometheus', {
        externalLabels: { environment: stack.props.name },
        ...props,
        ...defined({ authentication: stack.props.authentication }),
        application: stack.props.application.scrape,
      }),
  }),
  alertmanager: entry({
    settings: ALERTMANAGER_SETTINGS,
    metrics: ALERTMANAGER_METRICS,
    make: (stack, props: Omit<AlertmanagerProps, 'authentication'>) =>
      new Alertmanager(stack, 'alertmanager', { ...props, ...defined({ authentication: stack.props.authentication }) }),
  }),
  grafana: entry({
    settings: GRAFANA_SETTINGS,
    metrics: GRAFANA_METRICS,
    make: (stack, props: GrafanaProps) => new Grafana(stack, 'grafana', { ...defined({ rootUrl: stack.props.publicUrls?.grafana }), ...props }),
  }),
  'node-exporter': entry({ settings: NODE_EXPORTER_SETTINGS, metrics: NODE_EXPORTER_METRICS, make: (stack, props: NodeExporterProps) => new NodeExporter(stack, 'node-exporter', props) }),
  cadvisor: entry({ settings: CADVISOR_SETTINGS, metrics: CADVISOR_METRICS, make: (stack, props: CadvisorProps) => new Cadvisor(stack, 'cadvisor', props) }),
  'redis-exporter': entry({
    settings: REDIS_EXPORTER_SETTINGS,
    metrics: REDIS_EXPORTER_METRICS,
    make: (stack, props: Omit<RedisExporterProps, 'redisAddress'>) =>
      new RedisExporter(stack, 'redis-exporter', { ...props, redisAddress: stack.props.application.redis }),
  }),
  'postgres-exporter': entry({
    settings: POSTGRES_EXPORTER_SETTINGS,
    metrics: POSTGRES_EXPORTER_METRICS,
    make: (stack, props: Omit<PostgresExporterProps, 'postgres'>) =>
      new PostgresExporter(stack, 'postgres-exporter', { ...props, postgres: stack.props.application.postgres }),
  }),
  'gpu-exporter': entry({ settings: GPU_EXPORTER_SETTINGS, metrics: GPU_EXPORTER_METRICS, make: (stack, props: GpuExporterProps) => new GpuExporter(stack, 'gpu-exporter', props) }),
  loki: entry({ settings: LOKI_SETTINGS, metrics: LOKI_METRICS, make: (stack, props: LokiProps) => new Loki(stack, 'loki', props) }),
  promtail: entry({ settings: PROMTAIL_SETTINGS, metrics: PROMTAIL_METRICS, make: (stack, props: PromtailProps) => new Promtail(stack, 'promtail', props) }),
  elasticsearch: entry({ settings: ELASTICSEARCH_SETTINGS, make: (stack, props: ElasticsearchProps) => new Elasticsearch(stack, 'elasticsearch', props) }),
  jaeger: entry({
    settings: JAEGER_SETTINGS,
    metrics: JAEGER_METRICS,
    // Spans go to Elasticsearch where the stack asks for it and the cluster runs (the loader refuses it without).
    make: (stack, props: Omit<JaegerProps, 'storage'>) => {
      const es = stack.elasticsearch;
      const storage = stack.props.tracing?.storage === 'elasticsearch' && es ? { kind: 'elasticsearch', clusterReplicas: es.replicas } as const : undefined;
      return new Jaeger(stack, 'jaeger', { ...props, ...defined({ storage }) });
    },
  }),
  // Spans live in Elasticsearch as long as its data does: the cluster's one retention.
  'jaeger-index-cleaner': entry({
    settings: JAEGER_INDEX_CLEANER_SETTINGS,
    make: (stack, props: Omit<JaegerIndexCleanerProps, 'retention'>) => {
      const es = stack.elasticsearch;
      return stack.jaeger?.storage.kind === 'elasticsearch' && es
        ? new JaegerIndexCleaner(stack, 'jaeger-index-cleaner', { ...props, retention: es.retention })
        : undefined;
    },
  }),
  // Log indices get replicas as the cluster has nodes, and live as long as its retention says.
  logstash: entry({
    settings: LOGSTASH_SETTINGS,
    make: (stack, props: Omit<LogstashProps, 'elasticsearchReplicas' | 'retention'>) => {
      const es = stack.elasticsearch;
      return new Logstash(stack, 'logstash', { ...props, ...(es ? { elasticsearchReplicas: es.replicas, retention: es.retention } : {}) });
    },
  }),
  kibana: entry({
    settings: KIBANA_SETTINGS,
    make: (stack, props: KibanaProps) => new Kibana(stack, 'kibana', { ...defined({ publicBaseUrl: stack.props.publicUrls?.kibana }), ...props }),
  }),
  // The exporters run with what they watch (the loader refuses one enabled without it).
  'elasticsearch-exporter': entry({
    settings: ELASTICSEARCH_EXPORTER_SETTINGS,
    metrics: ELASTICSEARCH_EXPORTER_METRICS,
    make: (stack, props: ElasticsearchExporterProps) => (stack.elasticsearch ? new ElasticsearchExporter(stack, 'elasticsearch-exporter', props) : undefined),
  }),
  'logstash-exporter': entry({
    settings: LOGSTASH_EXPORTER_SETTINGS,
    metrics: LOGSTASH_EXPORTER_METRICS,
    make: (stack, props: LogstashExporterProps) => (stack.logstash ? new LogstashExporter(stack, 'logstash-exporter', props) : undefined),
  }),
});

export type ComponentName = keyof typeof COMPONENTS;
export const COMPONENT_NAMES = Object.keys(COMPONENTS) as ComponentName[];

/** What a component's props in the stack's props may say. */
export type PropsOf<N extends ComponentName> = Parameters<(typeof COMPONENTS)[N]['make']>[1];
/** The component the stack makes for a name. */
export type ComponentOf<N extends ComponentName> = NonNullable<ReturnType<(typeof COMPONENTS)[N]['make']>>;

/** The settings declaration of every component, by name (the environment schema's order). */
export const COMPONENT_SETTINGS: { readonly [N in ComponentName]: ComponentSettingsDeclaration } = Object.freeze(
  Object.fromEntries(COMPONENT_NAMES.map((n) => [n, COMPONENTS[n].settings])) as { [N in ComponentName]: ComponentSettingsDeclaration },
);
