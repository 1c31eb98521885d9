import { Construct } from 'constructs';
import { toYaml } from './yaml';
import { Component, ComponentProps, mergeResources, resources } from './component';
import { httpCheckCommand } from './image-facts';
import { IMAGE_FACTS, IMAGES } from './images';
import { ContainerLogLines, LogSources, Platform } from './platform';
import { ServiceSpec } from './service';
import { ComponentSettingsDeclaration, ONE_PER_HOST } from './settings';

/** What an environment may set on Promtail (see settings.ts). */
export const PROMTAIL_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.promtail,
  resources: resources('50m', '64Mi', '500m', '256Mi'),
  scrapeJobs: ['promtail'],
  needs: [{ component: 'loki', why: 'it ships every log line to Loki' }],
  without: {
    replicas: ONE_PER_HOST,
    storage: 'it keeps only its read positions: in a host directory on Kubernetes, in a compose volume, which has no size',
    retention: 'it keeps no logs; Loki\'s retention applies',
  },
};

/** Where logs go: Loki's push endpoint. */
export interface ILogSink {
  readonly serviceName: string;
  readonly port: number;
  readonly pushUrl: string;
}

export interface PromtailProps extends ComponentProps {
  /**
   * Promtail reached end of life on 2026-03-02; 3.6.x is its last line (Grafana Alloy replaces it).
   * @default PROMTAIL_SETTINGS.image
   */
  readonly image?: string;
  /** Positions volume where the platform gives one (compose). @default '1Gi' */
  readonly storage?: string;
}

const DEFAULTS = Object.freeze({
  image: PROMTAIL_SETTINGS.image,
  storage: '1Gi',
  resources: PROMTAIL_SETTINGS.resources,
});

const PORT = 9080;
const CONFIG_DIR = '/etc/promtail/config';
const POSITIONS_DIR = '/run/promtail';

/**
 * The stages every container's lines go through after the runtime's own format is unwrapped: the
 * application's JSON lines (the guide's structured logging) yield level, logger and agent_id as labels —
 * few values each — while request_id and trace_id, unique per request, stay out of the index as
 * structured metadata.
 */
export const JSON_LOG_STAGES: readonly object[] = Object.freeze([
  {
    json: {
      expressions: { level: 'level', logger: 'logger', agent_id: 'agent_id', request_id: 'request_id', trace_id: 'trace_id', timestamp: 'timestamp' },
    },
  },
  // The guide writes datetime.utcnow().isoformat(): no zone, optional fraction (Go parses it either way).
  { timestamp: { source: 'timestamp', format: '2006-01-02T15:04:05', location: 'UTC', action_on_failure: 'skip' } },
  { labels: { level: null, logger: null, agent_id: null } },
  { structured_metadata: { request_id: null, trace_id: null } },
]);

/** Ships every container's log lines to Loki: one copy per host. */
export class Promtail extends Component {
  readonly serviceName = 'promtail';
  private readonly props: PromtailProps;
  private sink?: ILogSink;

  constructor(scope: Construct, id: string, props: PromtailProps = {}) {
    super(scope, id);
    this.props = props;
  }

  /** Where to push: set by the stack when Loki runs. */
  shipTo(sink: ILogSink): void {
    this.sink = sink;
  }

  describe(platform: Platform): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    const sources = platform.logSources();
    return {
      name: this.serviceName,
      description: 'Log shipper: tails every container\'s lines, parses the JSON ones and pushes them to Loki (end of life since 2026-03-02)',
      image: p.image,
      workload: 'DaemonSet',
      replicas: 1,
      args: [`-config.file=${CONFIG_DIR}/promtail.yaml`],
      fieldEnv: sources.fieldEnv,
      ports: [{ name: 'http', port: PORT }],
      health: {
        port: 'http',
        path: '/ready',
        // Ubuntu image without curl or wget: bash's /dev/tcp asks for /ready.
        command: httpCheckCommand(IMAGE_FACTS.promtail, PORT, '/ready'),
        // Promtail's chart ships no liveness probe (grafana/helm-charts charts/promtail/values.yaml): /ready
        // reports its targets, not a stuck process.
        liveness: 'none',
      },
      resources: mergeResources(DEFAULTS.resources, this.props.resources),
      configs: [{ name: 'promtail-config', mountPath: CONFIG_DIR, files: { 'promtail.yaml': this.renderConfig(platform) } }],
      ...(sources.positions ? {} : { data: { mountPath: POSITIONS_DIR, size: p.storage } }),
      scratch: ['/tmp'],
      hostMounts: [...sources.hostMounts, ...(sources.positions ? [sources.positions] : [])],
      privileges: {
        runAsRoot: sources.reason,
        hostMounts: sources.positions ? `${sources.reason}; keeps its read positions in a host directory so a restarted copy resumes where it stopped` : sources.reason,
      },
      apiAccess: sources.apiAccess,
      scrape: [{ job: 'promtail', port: 'http' }],
      links: this.sink ? [{ service: this.sink.serviceName, port: this.sink.port }] : [],
      startsAfter: this.sink ? [this.sink.serviceName] : [],
    };
  }

  /** promtail.yaml for a platform. */
  renderConfig(platform: Platform): string {
    return toYaml(this.config(platform));
  }

  /** promtail.yaml for a platform as an object (what the log-query check reads, without parsing it back). */
  config(platform: Platform): object {
    const sources = platform.logSources();
    return {
      server: { http_listen_port: PORT, grpc_listen_port: 0, log_level: 'info' },
      positions: { filename: `${POSITIONS_DIR}/positions.yaml` },
      clients: this.sink ? [{ url: this.sink.pushUrl, batchwait: '1s', batchsize: 1048576 }] : [],
      scrape_configs: [{ ...scrapeJob(sources), pipeline_stages: [...runtimeStages(sources.lines), ...JSON_LOG_STAGES] }],
    };
  }
}

/** Promtail's scrape job for the way the platform's containers are found and their lines stored. */
function scrapeJob(sources: LogSources): object {
  const { discovery, lines } = sources;
  if (discovery.kind === 'docker-engine') {
    return {
      job_name: 'docker',
      docker_sd_configs: [{ host: `unix://${discovery.socket}`, refresh_interval: '15s' }],
      relabel_configs: [
        { source_labels: ['__meta_docker_container_name'], regex: '/?(.*)', target_label: 'container' },
        { source_labels: ['__meta_docker_container_label_com_docker_compose_service'], target_label: 'app' },
        { source_labels: ['__meta_docker_container_label_com_docker_compose_service'], target_label: 'job' },
        // The compose project plays the namespace's part: one stack per project.
        { source_labels: ['__meta_docker_container_label_com_docker_compose_project'], target_label: 'namespace' },
        { source_labels: ['__meta_docker_container_log_stream'], target_label: 'stream' },
      ],
    };
  }
  if (lines.kind !== 'files') throw new Error('Promtail: pods found through Kubernetes need their log files on the host');
  return {
    job_name: 'kubernetes-pods',
    kubernetes_sd_configs: [{ role: 'pod' }],
    relabel_configs: [
      // Only the pods on this node: each Promtail reads its own node's files.
      { source_labels: ['__meta_kubernetes_pod_node_name'], target_label: '__host__' },
      { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
      { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
      { source_labels: ['__meta_kubernetes_pod_container_name'], target_label: 'container' },
      { source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_name'], target_label: 'app' },
      { source_labels: ['__meta_kubernetes_pod_node_name'], target_label: 'node' },
      // job: the app's name where the pod carries one, else the container's.
      { source_labels: ['__meta_kubernetes_pod_container_name'], target_label: 'job' },
      { source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_name'], regex: '(.+)', target_label: 'job' },
      {
        // The kubelet writes <dir>/<namespace>_<pod>_<uid>/<container>/<n>.log.
        source_labels: ['__meta_kubernetes_pod_uid', '__meta_kubernetes_pod_container_name'],
        separator: '/',
        replacement: `${lines.hostDir}/*$1/*.log`,
        target_label: '__path__',
      },
    ],
  };
}

/** Stages that unwrap the runtime's line format before the application's own parsing. */
function runtimeStages(lines: ContainerLogLines): object[] {
  return lines.kind === 'files' && lines.format === 'cri' ? [{ cri: {} }] : [];
}
