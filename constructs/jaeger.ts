import { Construct } from 'constructs';
import { toYaml } from './yaml';
import { Component, ComponentProps, mergeResources, resources } from './component';
import { ELASTICSEARCH_HTTP_PORT, ELASTICSEARCH_SERVICE, ELASTICSEARCH_URL, indexReplicas } from './elastic';
import { createUserStep, jaegerWriter } from './elastic-users';
import { httpCheckCommand } from './image-facts';
import { IMAGE_FACTS, IMAGES } from './images';
import { Platform } from './platform';
import { ServiceSpec } from './service';
import { ComponentSettingsDeclaration, KEEPS_NO_DATA } from './settings';

/** What an environment may set on Jaeger (see settings.ts); where it keeps spans is `tracing.storage`. */
export const JAEGER_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.jaeger,
  resources: resources('100m', '256Mi', '1', '1Gi'),
  scrapeJobs: ['jaeger'],
  without: {
    replicas: 'with spans in memory every copy would hold different traces; one copy serves both storages',
    storage: `${KEEPS_NO_DATA} on a volume: spans live in memory or in Elasticsearch (tracing.storage)`,
    retention: 'in memory it keeps the last 100 000 traces; in Elasticsearch its span indices are deleted after components.elasticsearch.retention, like the log indices',
  },
};

/** Where spans are kept. */
export type TraceStorage =
  | { readonly kind: 'memory'; readonly maxTraces: number }
  /** `clusterReplicas`: nodes of the Elasticsearch cluster, which bound the index replicas. */
  | { readonly kind: 'elasticsearch'; readonly clusterReplicas: number };

export interface JaegerProps extends ComponentProps {
  /** @default in memory, the last 100 000 traces (lost on restart) */
  readonly storage?: TraceStorage;
}

const DEFAULTS = Object.freeze({
  image: JAEGER_SETTINGS.image,
  storage: { kind: 'memory', maxTraces: 100000 } as TraceStorage,
  resources: JAEGER_SETTINGS.resources,
});

export const JAEGER_PORTS = Object.freeze({ otlpGrpc: 4317, otlpHttp: 4318, query: 16686, queryGrpc: 16685, health: 13133, metrics: 8888 });
const CONFIG_DIR = '/etc/jaeger';
const STORE = 'traces';
/** Prefix of Jaeger's index names in Elasticsearch (`jaeger-jaeger-span-<date>`); the index cleaner filters by it. */
export const JAEGER_INDEX_PREFIX = 'jaeger';

/** Jaeger's own user: writes and reads its span indices, nothing else. */
const WRITER = jaegerWriter(JAEGER_INDEX_PREFIX);

/** Distributed tracing: Jaeger v2 (an OpenTelemetry Collector build) receiving OTLP and serving its UI. */
export class Jaeger extends Component {
  readonly serviceName = 'jaeger';
  readonly queryPort = JAEGER_PORTS.query;
  readonly url = `http://jaeger:${JAEGER_PORTS.query}`;
  private readonly props: JaegerProps;

  constructor(scope: Construct, id: string, props: JaegerProps = {}) {
    super(scope, id);
    this.props = props;
  }

  get storage(): TraceStorage {
    return this.props.storage ?? DEFAULTS.storage;
  }

  describe(platform: Platform): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    const elastic = p.storage.kind === 'elasticsearch';
    return {
      name: this.serviceName,
      description: 'Distributed tracing: OTLP receiver, trace storage and the Jaeger UI',
      image: p.image,
      // In memory, every copy would hold different traces: one copy.
      workload: 'Deployment',
      replicas: 1,
      args: [`--config=${CONFIG_DIR}/jaeger.yaml`],
      secretEnv: elastic ? [{ env: 'ES_PASSWORD', ref: WRITER.password }] : [],
      ports: [
        // The UI first: the port `monstack list` shows.
        { name: 'http-query', port: JAEGER_PORTS.query, userFacing: true, ui: true },
        // The application sends spans from outside the stack.
        { name: 'otlp-grpc', port: JAEGER_PORTS.otlpGrpc, userFacing: true },
        { name: 'otlp-http', port: JAEGER_PORTS.otlpHttp, userFacing: true },
        { name: 'grpc-query', port: JAEGER_PORTS.queryGrpc },
        { name: 'health', port: JAEGER_PORTS.health },
        { name: 'metrics', port: JAEGER_PORTS.metrics },
      ],
      health: { port: 'health', path: '/status', command: httpCheckCommand(IMAGE_FACTS.jaeger, JAEGER_PORTS.health, '/status') },
      resources: mergeResources(DEFAULTS.resources, this.props.resources),
      user: 10001,
      group: 10001,
      configs: [{ name: 'jaeger-config', mountPath: CONFIG_DIR, files: { 'jaeger.yaml': this.renderConfig(platform) } }],
      scratch: ['/tmp'],
      scrape: [{ job: 'jaeger', port: 'metrics' }],
      links: elastic ? [{ service: ELASTICSEARCH_SERVICE, port: ELASTICSEARCH_HTTP_PORT }] : [],
      startsAfter: elastic ? [ELASTICSEARCH_SERVICE] : [],
      // Jaeger exits when its storage does not answer at start: in Kubernetes, which starts it beside
      // Elasticsearch, it would crash-loop (with growing back-off) until the cluster forms.
      ...(elastic
        ? {
            // Creating the user succeeds only once the cluster answers: the step waits for it too.
            setup: createUserStep(WRITER, "Jaeger's", ', once the cluster answers'),
          }
        : {}),
    };
  }

  /** jaeger.yaml: the collector-style configuration for a platform (Elasticsearch replicas follow its copies). */
  renderConfig(platform: Platform): string {
    const storage = this.storage;
    const backend =
      storage.kind === 'memory'
        ? { memory: { max_traces: storage.maxTraces } }
        : { elasticsearch: elasticsearchBackend(indexReplicas(platform, storage.clusterReplicas)) };
    const config = {
      service: {
        extensions: ['jaeger_storage', 'jaeger_query', 'healthcheckv2'],
        pipelines: { traces: { receivers: ['otlp'], processors: ['batch'], exporters: ['jaeger_storage_exporter'] } },
        telemetry: {
          resource: { 'service.name': 'jaeger' },
          metrics: { level: 'detailed', readers: [{ pull: { exporter: { prometheus: { host: '0.0.0.0', port: JAEGER_PORTS.metrics } } } }] },
          logs: { level: 'info' },
        },
      },
      extensions: {
        healthcheckv2: { use_v2: true, http: { endpoint: `0.0.0.0:${JAEGER_PORTS.health}`, status: { enabled: true, path: '/status' } } },
        jaeger_query: {
          storage: { traces: STORE },
          http: { endpoint: `0.0.0.0:${JAEGER_PORTS.query}` },
          grpc: { endpoint: `0.0.0.0:${JAEGER_PORTS.queryGrpc}` },
        },
        jaeger_storage: { backends: { [STORE]: backend } },
      },
      receivers: {
        otlp: { protocols: { grpc: { endpoint: `0.0.0.0:${JAEGER_PORTS.otlpGrpc}` }, http: { endpoint: `0.0.0.0:${JAEGER_PORTS.otlpHttp}` } } },
      },
      processors: { batch: {} },
      exporters: { jaeger_storage_exporter: { trace_storage: STORE } },
    };
    return toYaml(config);
  }
}

function elasticsearchBackend(indexReplicas: number): object {
  const index = { shards: 1, replicas: indexReplicas };
  return {
    server_urls: [ELASTICSEARCH_URL],
    // The password comes from the environment, never from this file.
    auth: { basic: { username: WRITER.username, password: '${env:ES_PASSWORD}' } },
    create_mappings: true,
    indices: { index_prefix: JAEGER_INDEX_PREFIX, spans: index, services: index, dependencies: index, sampling: index },
  };
}
