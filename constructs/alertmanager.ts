import { Construct } from 'constructs';
import { toYaml } from './yaml';
import { Component, ComponentProps, mergeResources, resources } from './component';
import { httpCheckCommand } from './image-facts';
import { IMAGE_FACTS, IMAGES } from './images';
import { Platform } from './platform';
import { BasicAuthCredential, SecretRef, ServiceSpec } from './service';
import { authorizedCheckCommand, webAuthOf, webStartCommand } from './web-auth';
import { ComponentSettingsDeclaration } from './settings';

/** What an environment may set on Alertmanager (see settings.ts). */
export const ALERTMANAGER_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.alertmanager,
  resources: resources('50m', '64Mi', '200m', '256Mi'),
  // Copies gossip silences and notifications in one cluster.
  replicas: { max: 9 },
  storage: { default: '2Gi' },
  scrapeJobs: ['alertmanager'],
  needs: [{ component: 'prometheus', why: 'its only sender of alerts is Prometheus' }],
  without: { retention: 'silences and the notification log expire by their own times' },
};

/** What decides where alerts go: renders alertmanager.yml given the directory receiver credentials are mounted in. */
export interface IAlertRouting {
  render(secretsDir: string): {
    readonly config: object;
    readonly secretFiles: readonly { key: string; description: string }[];
    /** Ports the receivers reach outside the stack (443 for PagerDuty and Slack). @default none */
    readonly externalEgress?: readonly number[];
  };
}

export interface AlertmanagerProps extends ComponentProps {
  /** Copies gossiping in one cluster (3 in prod). @default 1 */
  readonly replicas?: number;
  /** Silences and notification log. @default ALERTMANAGER_SETTINGS.storage */
  readonly storage?: string;
  /** @default every alert to a receiver with no integrations */
  readonly routing?: IAlertRouting;
  /**
   * Basic authentication on the UI and API (`--web.config.file`): Prometheus signs in to send alerts
   * and to scrape. false leaves them open, for a laptop where they listen on loopback only. @default true
   */
  readonly authentication?: boolean;
}

const DEFAULTS = Object.freeze({
  image: ALERTMANAGER_SETTINGS.image,
  replicas: 1,
  storage: ALERTMANAGER_SETTINGS.storage!.default,
  resources: ALERTMANAGER_SETTINGS.resources,
});

const API_PORT = 9093;
const CLUSTER_PORT = 9094;
const CONFIG_DIR = '/etc/alertmanager/config';
const SECRETS_DIR = '/etc/alertmanager/secrets';
/** Scratch: the web configuration, written at start from the hash in the Secret. */
const WEB_DIR = '/etc/alertmanager/web';
const BINARY = '/bin/alertmanager';
const PASSWORD_ENV = 'WEB_PASSWORD';
/** The Secret users create with the receivers' credentials (PagerDuty key, Slack webhook URLs). */
export const RECEIVERS_SECRET = 'alertmanager-receivers';

const QUIET_ROUTING: IAlertRouting = {
  render: () => ({ config: { route: { receiver: 'default' }, receivers: [{ name: 'default' }] }, secretFiles: [] }),
};

export class Alertmanager extends Component {
  readonly serviceName = 'alertmanager';
  readonly apiPort = API_PORT;
  readonly url = `http://alertmanager:${API_PORT}`;
  /** What Prometheus presents; absent when the UI and API are open. */
  readonly basicAuth?: BasicAuthCredential;
  private readonly auth?: ReturnType<typeof webAuthOf>;
  private readonly props: AlertmanagerProps;
  private routing: IAlertRouting;

  constructor(scope: Construct, id: string, props: AlertmanagerProps = {}) {
    super(scope, id);
    this.props = props;
    this.routing = props.routing ?? QUIET_ROUTING;
    this.auth = props.authentication === false ? undefined : webAuthOf(this.serviceName, 'Alertmanager');
    this.basicAuth = this.auth?.credential;
  }

  /** Replace the routing tree (receivers, routes, inhibitions). */
  useRouting(routing: IAlertRouting): void {
    this.routing = routing;
  }

  /**
   * alertmanager.yml as an object, with receiver credentials read from files in `secretsDir` (where this
   * Alertmanager mounts them, unless another Alertmanager, a cluster's own, runs the routing).
   */
  routingConfig(secretsDir: string = SECRETS_DIR): ReturnType<IAlertRouting['render']> {
    return this.routing.render(secretsDir);
  }

  describe(platform: Platform): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    const { config, secretFiles, externalEgress = [] } = this.routingConfig();
    const peers = platform.peerAddresses(this.serviceName, p.replicas, CLUSTER_PORT);
    const refs: SecretRef[] = secretFiles.map((f) => ({ secret: RECEIVERS_SECRET, key: f.key, description: f.description, generated: false }));
    const start = this.auth ? webStartCommand({ binary: BINARY, dir: WEB_DIR, hash: this.auth.hash, presented: [] }) : undefined;
    // The probes sign in with the password itself, which only they read.
    const check = (path: string) => (this.auth ? authorizedCheckCommand(IMAGE_FACTS.alertmanager, API_PORT, path, PASSWORD_ENV) : undefined);
    return {
      name: this.serviceName,
      description: 'Alert grouping, silencing, inhibition and routing to PagerDuty and team channels',
      image: p.image,
      workload: 'StatefulSet',
      replicas: p.replicas,
      ...(start && this.auth ? { command: start.command, secretEnv: [...start.secretEnv, { env: PASSWORD_ENV, ref: this.auth.credential.password }] } : {}),
      args: [
        `--config.file=${CONFIG_DIR}/alertmanager.yml`,
        '--storage.path=/alertmanager',
        `--web.listen-address=:${API_PORT}`,
        // One copy runs without gossip; a cluster names every peer, itself included, as the docs advise.
        // The pod IP is advertised explicitly: left to guess, Alertmanager refuses to start when the pod
        // network is outside the private ranges (RFC 6890), as on clusters with non-RFC 1918 pod CIDRs.
        ...(peers.length > 0
          ? [
              `--cluster.listen-address=0.0.0.0:${CLUSTER_PORT}`,
              `--cluster.advertise-address=[$(POD_IP)]:${CLUSTER_PORT}`,
              ...peers.map((peer) => `--cluster.peer=${peer}`),
            ]
          : ['--cluster.listen-address=']),
      ],
      ...(peers.length > 0 ? { fieldEnv: { POD_IP: 'status.podIP' } } : {}),
      ports: [
        { name: 'http', port: API_PORT, userFacing: true, ui: true },
        ...(peers.length > 0
          ? [
              { name: 'cluster-tcp', port: CLUSTER_PORT, peerOnly: true },
              { name: 'cluster-udp', port: CLUSTER_PORT, protocol: 'UDP' as const, peerOnly: true },
            ]
          : []),
      ],
      // Ready once the cluster has settled its gossip; alive whenever the process answers.
      health: {
        port: 'http',
        path: '/-/ready',
        command: check('/-/ready') ?? httpCheckCommand(IMAGE_FACTS.alertmanager, API_PORT, '/-/ready'),
        ...(this.auth ? { readinessCommand: check('/-/ready') } : {}),
        liveness: { path: '/-/healthy', ...(this.auth ? { command: check('/-/healthy') } : {}) },
      },
      resources: mergeResources(DEFAULTS.resources, this.props.resources),
      user: 65534,
      group: 65534,
      configs: [
        { name: 'alertmanager-config', mountPath: CONFIG_DIR, files: { 'alertmanager.yml': toYaml(config) } },
      ],
      secretFiles: refs.length > 0 ? [{ mountPath: SECRETS_DIR, refs }] : [],
      data: { mountPath: '/alertmanager', size: p.storage },
      ...(start ? { scratch: [WEB_DIR] } : {}),
      scrape: [{ job: 'alertmanager', port: 'http', ...(this.basicAuth ? { basicAuth: this.basicAuth } : {}) }],
      peerDiscovery: peers.length > 0,
      ...(externalEgress.length > 0 ? { externalEgress: [...externalEgress] } : {}),
    };
  }
}
