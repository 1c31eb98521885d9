import { Construct } from 'constructs';
import { Component, ComponentProps, mergeResources, resources } from './component';
import { ELASTIC_PASSWORD, ELASTICSEARCH_HTTP_PORT, ELASTICSEARCH_SERVICE, halfHeapFlags, JVM_MIN_MEMORY_LIMIT, TRANSPORT_TLS_SECRET } from './elastic';
import { IMAGES } from './images';
import { Platform } from './platform';
import { SecretRef, ServiceSpec } from './service';
import { ComponentSettingsDeclaration, ResourceSettings } from './settings';

/** Why a 2-node Elasticsearch is refused. */
export const TWO_NODES = '2 nodes cannot keep a master when one fails; use 1 or 3 or more';

/** What an environment may set on Elasticsearch (see settings.ts). */
export const ELASTICSEARCH_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.elasticsearch,
  // Requests equal to limits for memory: the heap is sized from the limit and must not be squeezed.
  resources: resources('500m', '2Gi', '1', '2Gi'),
  replicas: { max: 9, refused: { 2: TWO_NODES } },
  minMemoryLimit: JVM_MIN_MEMORY_LIMIT,
  storage: { default: '10Gi' },
  retention: { default: '7d', appliedBy: 'logstash' },
  scrapeJobs: [],
};

export interface ElasticsearchProps extends ComponentProps {
  /** Nodes of the cluster (3 in prod: every node master-eligible, so one may fail). @default 1 */
  readonly replicas?: number;
  /** Per node. @default ELASTICSEARCH_SETTINGS.storage */
  readonly storage?: string;
  /**
   * How long the log and span indices it holds live: Logstash's lifecycle policy and the index cleaner
   * apply it (the cluster's one retention). @default ELASTICSEARCH_SETTINGS.retention
   */
  readonly retention?: string;
  /** The JVM heap is half the memory limit. @default ELASTICSEARCH_SETTINGS.resources */
  readonly resources?: ResourceSettings;
  /** @default 'monstack' */
  readonly clusterName?: string;
}

const DEFAULTS = Object.freeze({
  image: ELASTICSEARCH_SETTINGS.image,
  replicas: 1,
  storage: ELASTICSEARCH_SETTINGS.storage!.default,
  retention: ELASTICSEARCH_SETTINGS.retention!.default,
  clusterName: 'monstack',
  resources: ELASTICSEARCH_SETTINGS.resources,
});

const TRANSPORT_PORT = 9300;
/**
 * Opened by Elasticsearch (8.2+) only while the node has joined a cluster with an elected master: a TCP
 * check of it means "joined" and needs no credentials. ECK probes it so, with nc from the image
 * (elastic/cloud-on-k8s pkg/apis/elasticsearch/v1/fields.go, pkg/controller/elasticsearch/nodespec/readiness_probe.go).
 */
const READINESS_PORT = 8080;

/** The image's ENTRYPOINT and CMD: a command given in Kubernetes replaces both, so both are named. */
const ENTRYPOINT = ['/bin/tini', '--', '/usr/local/bin/docker-entrypoint.sh', 'eswrapper'];
const HOME = '/usr/share/elasticsearch';
const JOINED = ['bash', '-c', `nc -z -w 5 127.0.0.1 ${READINESS_PORT}`];
/**
 * ECK's two init steps in one: the image's config directory onto the volume, then a keystore there holding
 * the bootstrap password (the entrypoint leaves a keystore that has one alone). The volume is new at
 * every start of the pod, so the keystore always holds the Secret's password.
 */
const PREPARE_CONFIG = [
  'set -e',
  `cp -a ${HOME}/config/. "$PREPARED_DIR"/`,
  // A keystore the image ships would make `create` ask before overwriting it.
  `[ -f "$PREPARED_DIR/elasticsearch.keystore" ] || ES_PATH_CONF="$PREPARED_DIR" ${HOME}/bin/elasticsearch-keystore create`,
  `printf '%s' "$ELASTIC_PASSWORD" | ES_PATH_CONF="$PREPARED_DIR" ${HOME}/bin/elasticsearch-keystore add -x -f bootstrap.password`,
].join('\n');
/** Below the config directory: Elasticsearch reads certificates only from there. */
const TRANSPORT_TLS_DIR = 'transport-tls';

const transportFile = (key: string, description: string): SecretRef => ({ secret: TRANSPORT_TLS_SECRET, key, description, generated: false });
const TRANSPORT_TLS_FILES: readonly SecretRef[] = [
  transportFile('ca.crt', 'CA certificate (PEM) that signed the Elasticsearch transport certificate'),
  transportFile('tls.crt', 'Elasticsearch transport certificate (PEM), shared by every node'),
  transportFile('tls.key', 'Elasticsearch transport private key (PEM)'),
];

/** Search and storage for Logstash's logs and Jaeger's spans: one node, or a cluster with peer discovery. */
export class Elasticsearch extends Component {
  readonly serviceName = ELASTICSEARCH_SERVICE;
  readonly port = ELASTICSEARCH_HTTP_PORT;
  private readonly props: ElasticsearchProps;

  constructor(scope: Construct, id: string, props: ElasticsearchProps = {}) {
    super(scope, id);
    if (props.replicas === 2) throw new Error(`Elasticsearch: ${TWO_NODES} (components.elasticsearch.replicas)`);
    this.props = props;
  }

  get replicas(): number {
    return this.props.replicas ?? DEFAULTS.replicas;
  }

  /** How long the indices it holds live; Logstash and the index cleaner apply it. */
  get retention(): string {
    return this.props.retention ?? DEFAULTS.retention;
  }

  describe(platform: Platform): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    const res = mergeResources(DEFAULTS.resources, this.props.resources);
    const peers = platform.peerAddresses(this.serviceName, p.replicas, TRANSPORT_PORT);
    const clustered = peers.length > 0;
    // Pods of a StatefulSet are named like their hosts: elasticsearch-0, elasticsearch-1, …
    const nodeNames = peers.map((address) => address.split('.')[0]);
    return {
      name: this.serviceName,
      description: clustered ? `Search and storage for logs and traces: a ${peers.length}-node cluster` : 'Search and storage for logs and traces: a single node',
      image: p.image,
      workload: 'StatefulSet',
      replicas: platform.copies(p.replicas),
      env: {
        'cluster.name': p.clusterName,
        ES_JAVA_OPTS: halfHeapFlags(res.limits.memory, this.serviceName),
        'xpack.security.enabled': 'true',
        // Clients inside the stack speak plain HTTP with credentials; TLS termination is the ingress's job.
        'xpack.security.http.ssl.enabled': 'false',
        // No downloads from the internet at start.
        'ingest.geoip.downloader.enabled': 'false',
        'readiness.port': String(READINESS_PORT),
        ...(clustered
          ? {
              'discovery.seed_hosts': peers.join(','),
              // Security on a cluster requires TLS between nodes; one certificate serves every node.
              'xpack.security.transport.ssl.enabled': 'true',
              'xpack.security.transport.ssl.verification_mode': 'certificate',
              'xpack.security.transport.ssl.certificate_authorities': `${TRANSPORT_TLS_DIR}/ca.crt`,
              'xpack.security.transport.ssl.certificate': `${TRANSPORT_TLS_DIR}/tls.crt`,
              'xpack.security.transport.ssl.key': `${TRANSPORT_TLS_DIR}/tls.key`,
            }
          : { 'discovery.type': 'single-node', 'xpack.security.transport.ssl.enabled': 'false' }),
      },
      // cluster.initial_master_nodes bootstraps a new cluster only: a node that has cluster state (a data
      // directory with _state) starts without it, as Elastic advises once the cluster has formed.
      ...(clustered ? { command: firstBootstrapOnly(nodeNames) } : {}),
      secretEnv: [{ env: 'ELASTIC_PASSWORD', ref: ELASTIC_PASSWORD }],
      secretFiles: clustered ? [{ mountPath: `${HOME}/config/${TRANSPORT_TLS_DIR}`, refs: TRANSPORT_TLS_FILES }] : [],
      ports: [
        { name: 'http', port: ELASTICSEARCH_HTTP_PORT },
        ...(clustered ? [{ name: 'transport', port: TRANSPORT_PORT, peerOnly: true }] : []),
        { name: 'readiness', port: READINESS_PORT, probeOnly: true },
      ],
      health: {
        // Ready: the node has joined a cluster (the readiness port is open). Asked on the loopback address
        // as ECK does, whatever address the port binds.
        port: 'readiness',
        readinessCommand: JOINED,
        // Compose's healthcheck is the same check, run inside the container: no credentials needed.
        command: JOINED,
        initialDelaySeconds: 10,
        periodSeconds: 10,
        failureThreshold: 3,
        // Alive: the HTTP port accepts connections, whether or not a master is elected (a restart would not elect one).
        liveness: { port: 'http' },
        // Up to 5 minutes for the JVM to start and open its HTTP port.
        startup: { port: 'http', periodSeconds: 10, failureThreshold: 30 },
      },
      resources: res,
      user: 1000,
      group: 1000,
      data: { mountPath: `${HOME}/data`, size: p.storage },
      scratch: ['/tmp', `${HOME}/logs`],
      // The config directory holds the keystore, which is written at start: a copy of the image's on a volume.
      prepared: {
        mountPath: `${HOME}/config`,
        description: 'copies the image\'s config directory onto a volume and makes the keystore there with the bootstrap password, as ECK does',
        command: ['bash', '-c', PREPARE_CONFIG],
        secretEnv: [{ env: 'ELASTIC_PASSWORD', ref: ELASTIC_PASSWORD }],
        // The keystore tool is a JVM: ECK gives its keystore step 196Mi.
        resources: resources('50m', '196Mi', '500m', '196Mi'),
      },
      privileges: {
        hostSysctls: {
          reason: 'Elasticsearch memory-maps its indices and refuses to start with fewer than 262144 map areas (vm.max_map_count)',
          values: { 'vm.max_map_count': '262144' },
        },
      },
      stopGracePeriodSeconds: 120,
      peerDiscovery: clustered,
    };
  }
}

/**
 * The image's entrypoint, with cluster.initial_master_nodes set only where the node has no cluster state
 * yet. `env` sets the dotted name, which no shell can export; the entrypoint turns it into a setting.
 */
function firstBootstrapOnly(nodeNames: readonly string[]): string[] {
  const start = ENTRYPOINT.slice(2).join(' ');
  const script = [
    `if [ -d "${HOME}/data/_state" ]; then exec ${start};`,
    `else exec env "cluster.initial_master_nodes=${nodeNames.join(',')}" ${start}; fi`,
  ].join(' ');
  return [...ENTRYPOINT.slice(0, 2), 'bash', '-c', script];
}
