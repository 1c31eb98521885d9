import { Construct } from 'constructs';
import { Component, ComponentProps, mergeResources, resources } from '../component';
import { httpCheckCommand } from '../image-facts';
import { IMAGE_FACTS, IMAGES } from '../images';
import { ApplicationAddress, Platform } from '../platform';
import { ServiceSpec } from '../service';
import { ComponentSettingsDeclaration, KEEPS_NO_DATA, ONE_EXPORTER } from '../settings';

/** What an environment may set on postgres-exporter (see settings.ts). */
export const POSTGRES_EXPORTER_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.postgresExporter,
  resources: resources('25m', '32Mi', '200m', '128Mi'),
  scrapeJobs: ['postgres-exporter'],
  needs: [{ component: 'prometheus', why: 'it collects for Prometheus only' }],
  without: { replicas: ONE_EXPORTER, storage: KEEPS_NO_DATA, retention: KEEPS_NO_DATA },
};
import { checkAddress, portOf } from './address';

/** The application's database as the exporter reaches it. */
export interface PostgresTarget {
  /** host:port on each platform. */
  readonly address: ApplicationAddress;
  readonly database: string;
  /** libpq sslmode. */
  readonly sslmode: string;
  /** The role the exporter logs in as: a member of pg_monitor, nothing more. */
  readonly user: string;
}

export interface PostgresExporterProps extends ComponentProps {
  readonly postgres: PostgresTarget;
}

const DEFAULTS = Object.freeze({
  image: POSTGRES_EXPORTER_SETTINGS.image,
  resources: POSTGRES_EXPORTER_SETTINGS.resources,
});

const PORT = 9187;
/** `nobody` in the image's busybox base. */
const USER = 65534;

/** Reads the application's Postgres (connections, transactions, locks, replication, sizes) for Prometheus. */
export class PostgresExporter extends Component {
  readonly serviceName = 'postgres-exporter';
  readonly port = PORT;
  private readonly props: PostgresExporterProps;

  constructor(scope: Construct, id: string, props: PostgresExporterProps) {
    super(scope, id);
    this.props = props;
    checkAddress(props.postgres.address, 'PostgresExporterProps.postgres.address');
  }

  describe(platform: Platform): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    const db = p.postgres;
    const address = platform.applicationAddress(db.address);
    return {
      name: this.serviceName,
      description: "Metrics of the application's Postgres",
      image: p.image,
      workload: 'Deployment',
      replicas: 1,
      args: [`--web.listen-address=:${PORT}`],
      env: {
        // User and password stay out of the URI: the password comes from a Secret on its own.
        DATA_SOURCE_URI: `${address}/${encodeURIComponent(db.database)}?sslmode=${db.sslmode}`,
        DATA_SOURCE_USER: db.user,
      },
      secretEnv: [
        {
          env: 'DATA_SOURCE_PASS',
          ref: {
            secret: 'postgres-exporter',
            key: 'password',
            description: `password of the application's Postgres role ${db.user}`,
            // Set on the application's database by its owner; monstack cannot invent it.
            generated: false,
          },
        },
      ],
      ports: [{ name: 'metrics', port: PORT }],
      // The landing page answers without a database round trip; pg_up reports the database itself.
      health: { port: 'metrics', path: '/', command: httpCheckCommand(IMAGE_FACTS.postgresExporter, PORT, '/') },
      resources: mergeResources(DEFAULTS.resources, this.props.resources),
      user: USER,
      group: USER,
      scrape: [{ job: 'postgres-exporter', port: 'metrics' }],
      externalEgress: [portOf(address, 'postgres.address')],
    };
  }
}
