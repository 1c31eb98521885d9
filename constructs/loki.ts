import { Construct } from 'constructs';
import { toYaml } from './yaml';
import { Component, ComponentProps, mergeResources, resources } from './component';
import { httpCheckCommand } from './image-facts';
import { IMAGE_FACTS, IMAGES } from './images';
import { ServiceSpec } from './service';
import { ComponentSettingsDeclaration } from './settings';

/** What an environment may set on Loki (see settings.ts). */
export const LOKI_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.loki,
  resources: resources('100m', '256Mi', '1', '1Gi'),
  storage: { default: '10Gi' },
  // The compactor deletes whole daily index tables (index period 24h).
  retention: { default: '168h', wholeDays: true },
  scrapeJobs: ['loki'],
  without: { replicas: 'the single binary keeps its chunks and index on its own filesystem volume: one copy only' },
};

export interface LokiProps extends ComponentProps {
  /** Single binary on a filesystem: one copy only. @default 1 */
  readonly replicas?: number;
  /** How long log lines are kept; the compactor deletes older chunks. @default LOKI_SETTINGS.retention */
  readonly retention?: string;
  /** @default LOKI_SETTINGS.storage */
  readonly storage?: string;
}

const DEFAULTS = Object.freeze({
  image: LOKI_SETTINGS.image,
  retention: LOKI_SETTINGS.retention!.default,
  storage: LOKI_SETTINGS.storage!.default,
  resources: LOKI_SETTINGS.resources,
});

const HTTP_PORT = 3100;
const GRPC_PORT = 9095;
const CONFIG_DIR = '/etc/loki/config';
const DATA_DIR = '/loki';

/** Log storage and query: the single binary with a filesystem store, TSDB index, schema v13. */
export class Loki extends Component {
  readonly serviceName = 'loki';
  readonly port = HTTP_PORT;
  readonly url = `http://loki:${HTTP_PORT}`;
  readonly pushUrl = `http://loki:${HTTP_PORT}/loki/api/v1/push`;
  private readonly props: LokiProps;

  constructor(scope: Construct, id: string, props: LokiProps = {}) {
    super(scope, id);
    if (props.replicas !== undefined && props.replicas !== 1) {
      throw new Error(`Loki: replicas is ${props.replicas}, but the single binary on a filesystem runs one copy; set components.loki.replicas to 1`);
    }
    this.props = props;
  }

  describe(): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    return {
      name: this.serviceName,
      description: 'Log aggregation: stores and queries the log lines Promtail ships',
      image: p.image,
      workload: 'StatefulSet',
      replicas: 1,
      args: [`-config.file=${CONFIG_DIR}/loki.yaml`],
      ports: [
        { name: 'http', port: HTTP_PORT },
        { name: 'grpc', port: GRPC_PORT },
      ],
      health: {
        port: 'http',
        path: '/ready',
        // The distroless image has no shell and no busybox: Loki's own `-health` asks /ready.
        command: httpCheckCommand(IMAGE_FACTS.loki, HTTP_PORT, '/ready'),
        // Loki's chart ships no liveness probe (grafana/loki production/helm/loki/values.yaml at v3.7.6):
        // /ready fails while the ring settles, which a restart prolongs.
        liveness: 'none',
        // The ingester reports ready some 15 s after it joins its ring.
        initialDelaySeconds: 20,
      },
      resources: mergeResources(DEFAULTS.resources, this.props.resources),
      user: 10001,
      group: 10001,
      configs: [{ name: 'loki-config', mountPath: CONFIG_DIR, files: { 'loki.yaml': renderConfig(p.retention) } }],
      data: { mountPath: DATA_DIR, size: p.storage },
      scratch: ['/tmp'],
      scrape: [{ job: 'loki', port: 'http' }],
    };
  }
}

function renderConfig(retention: string): string {
  const config = {
    auth_enabled: false,
    server: { http_listen_port: HTTP_PORT, grpc_listen_port: GRPC_PORT, log_level: 'info' },
    common: {
      instance_addr: '127.0.0.1',
      path_prefix: DATA_DIR,
      replication_factor: 1,
      ring: { kvstore: { store: 'inmemory' } },
      storage: { filesystem: { chunks_directory: `${DATA_DIR}/chunks`, rules_directory: `${DATA_DIR}/rules` } },
    },
    schema_config: {
      configs: [{ from: '2024-04-01', store: 'tsdb', object_store: 'filesystem', schema: 'v13', index: { prefix: 'index_', period: '24h' } }],
    },
    limits_config: {
      retention_period: retention,
      // Promtail attaches request_id and trace_id as structured metadata, not labels.
      allow_structured_metadata: true,
      volume_enabled: true,
      // Lines older than Loki keeps would be stored only for the compactor to delete: refused instead.
      reject_old_samples: true,
      reject_old_samples_max_age: rejectOlderThan(retention),
    },
    compactor: {
      working_directory: `${DATA_DIR}/compactor`,
      compaction_interval: '10m',
      retention_enabled: true,
      retention_delete_delay: '2h',
      delete_request_store: 'filesystem',
    },
    query_range: { results_cache: { cache: { embedded_cache: { enabled: true, max_size_mb: 100 } } } },
    analytics: { reporting_enabled: false },
  };
  return toYaml(config, { quotingType: '"' });
}

/** Loki's default age limit for accepted lines (one week), or the retention where that is shorter. */
function rejectOlderThan(retention: string): string {
  const week = 7 * 86400;
  return durationSeconds(retention) < week ? retention : '168h';
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

function durationSeconds(duration: string): number {
  return [...duration.matchAll(/([0-9]+)(ms|s|m|h|d|w|y)/g)].reduce((sum, m) => sum + Number(m[1]) * UNIT_SECONDS[m[2]], 0);
}
