import { Construct } from 'constructs';
import { Component, ComponentProps, mergeResources, resources } from '../component';
import { IMAGES } from '../images';
import { ApplicationAddress, Platform } from '../platform';
import { ServiceSpec } from '../service';
import { ComponentSettingsDeclaration, KEEPS_NO_DATA, ONE_EXPORTER } from '../settings';

/** What an environment may set on redis-exporter (see settings.ts). */
export const REDIS_EXPORTER_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.redisExporter,
  resources: resources('25m', '32Mi', '200m', '128Mi'),
  scrapeJobs: ['redis-exporter'],
  needs: [{ component: 'prometheus', why: 'it collects for Prometheus only' }],
  without: { replicas: ONE_EXPORTER, storage: KEEPS_NO_DATA, retention: KEEPS_NO_DATA },
};
import { checkAddress, portOf } from './address';

export interface RedisExporterProps extends ComponentProps {
  /** host:port of the application's Redis on each platform. */
  readonly redisAddress: ApplicationAddress;
}

const DEFAULTS = Object.freeze({
  image: REDIS_EXPORTER_SETTINGS.image,
  resources: REDIS_EXPORTER_SETTINGS.resources,
});

const PORT = 9121;
/** The image's own non-root user. */
const USER = 59000;

/** Reads the application's Redis (memory, clients, commands, keyspace) and offers it to Prometheus. */
export class RedisExporter extends Component {
  readonly serviceName = 'redis-exporter';
  readonly port = PORT;
  private readonly props: RedisExporterProps;

  constructor(scope: Construct, id: string, props: RedisExporterProps) {
    super(scope, id);
    this.props = props;
    checkAddress(props.redisAddress, 'RedisExporterProps.redisAddress');
  }

  describe(platform: Platform): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    const address = platform.applicationAddress(p.redisAddress);
    return {
      name: this.serviceName,
      description: "Metrics of the application's Redis",
      image: p.image,
      workload: 'Deployment',
      replicas: 1,
      env: {
        REDIS_ADDR: `redis://${address}`,
        REDIS_EXPORTER_WEB_LISTEN_ADDRESS: `:${PORT}`,
      },
      secretEnv: [
        {
          env: 'REDIS_PASSWORD',
          ref: {
            secret: 'redis-exporter',
            key: 'password',
            description: 'Redis password of the application',
            // The application's credential: the user copies it, monstack cannot invent it.
            generated: false,
          },
        },
      ],
      ports: [{ name: 'metrics', port: PORT }],
      // /health answers without touching Redis, so a Redis outage shows as redis_up=0, not a restart loop.
      // The image is FROM scratch: no tool to run a check inside the container.
      health: { port: 'metrics', path: '/health' },
      resources: mergeResources(DEFAULTS.resources, this.props.resources),
      user: USER,
      group: USER,
      scrape: [{ job: 'redis-exporter', port: 'metrics' }],
      externalEgress: [portOf(address, 'redisAddress')],
    };
  }
}
