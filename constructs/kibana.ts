import { Construct } from 'constructs';
import { Component, ComponentProps, mergeResources, resources } from './component';
import {
  ELASTIC_PASSWORD,
  ELASTICSEARCH_HTTP_PORT,
  ELASTICSEARCH_SERVICE,
  ELASTICSEARCH_URL,
  KIBANA_ENCRYPTION_KEY,
  KIBANA_REPORTING_KEY,
  KIBANA_SECURITY_KEY,
  KIBANA_SYSTEM_PASSWORD,
  untilElasticsearchAccepts,
} from './elastic';
import { httpCheckCommand } from './image-facts';
import { IMAGE_FACTS, IMAGES } from './images';
import { ServiceSpec } from './service';
import { ComponentSettingsDeclaration } from './settings';

/** What an environment may set on Kibana (see settings.ts). */
export const KIBANA_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.kibana,
  resources: resources('250m', '1Gi', '1', '2Gi'),
  scrapeJobs: [],
  needs: [{ component: 'elasticsearch', why: 'it searches the logs in Elasticsearch and keeps its saved objects there' }],
  // Copies share the session, saved-object and reporting keys from the Secret, so a user stays signed in
  // whichever copy answers; saved objects and task state live in Elasticsearch.
  replicas: { max: 5 },
  without: {
    storage: 'its saved objects live in Elasticsearch; its data directory is scratch',
    retention: 'it keeps no data of its own',
  },
};

export interface KibanaProps extends ComponentProps {
  /** Copies behind the Service (they share the encryption keys of the elasticsearch Secret). @default 1 */
  readonly replicas?: number;
  /**
   * Where users open Kibana, without a trailing slash (server.publicBaseUrl: the links in its alerts,
   * reports and share URLs). @default 'http://localhost:5601' (the published port, or a port-forward)
   */
  readonly publicBaseUrl?: string;
}

const DEFAULTS = Object.freeze({
  image: KIBANA_SETTINGS.image,
  publicBaseUrl: 'http://localhost:5601',
  resources: KIBANA_SETTINGS.resources,
  replicas: 1,
});

const PORT = 5601;

/**
 * The password of kibana_system is whatever the cluster holds; this step makes it the Secret's, using the
 * elastic superuser's password, and retries until Elasticsearch answers. Re-running it is harmless.
 */
const SET_KIBANA_PASSWORD = untilElasticsearchAccepts(
  'POST',
  '/_security/user/kibana_system/_password',
  '"{\\"password\\":\\"$KIBANA_SYSTEM_PASSWORD\\"}"',
  'the kibana_system password',
);

/** Search and dashboards over the logs in Elasticsearch, as its own user kibana_system. */
export class Kibana extends Component {
  readonly serviceName = 'kibana';
  readonly port = PORT;
  private readonly props: KibanaProps;

  constructor(scope: Construct, id: string, props: KibanaProps = {}) {
    super(scope, id);
    if (props.publicBaseUrl !== undefined && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*[^\s/?#])?$/.test(props.publicBaseUrl)) {
      throw new Error(`Kibana: publicBaseUrl "${props.publicBaseUrl}" must be an http(s) URL without a trailing slash, query or fragment`);
    }
    this.props = props;
  }

  describe(): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    return {
      name: this.serviceName,
      description: 'Search and dashboards over the logs in Elasticsearch',
      image: p.image,
      workload: 'Deployment',
      replicas: p.replicas,
      // The image turns upper-case settings names into Kibana settings.
      env: {
        SERVER_HOST: '0.0.0.0',
        SERVER_NAME: 'kibana',
        SERVER_PUBLICBASEURL: p.publicBaseUrl,
        ELASTICSEARCH_HOSTS: ELASTICSEARCH_URL,
        ELASTICSEARCH_USERNAME: 'kibana_system',
        TELEMETRY_OPTIN: 'false',
      },
      secretEnv: [
        { env: 'ELASTICSEARCH_PASSWORD', ref: KIBANA_SYSTEM_PASSWORD },
        { env: 'XPACK_ENCRYPTEDSAVEDOBJECTS_ENCRYPTIONKEY', ref: KIBANA_ENCRYPTION_KEY },
        // Fixed keys: generated ones would end every session and queued report at each restart.
        { env: 'XPACK_SECURITY_ENCRYPTIONKEY', ref: KIBANA_SECURITY_KEY },
        { env: 'XPACK_REPORTING_ENCRYPTIONKEY', ref: KIBANA_REPORTING_KEY },
      ],
      ports: [{ name: 'http', port: PORT, userFacing: true, ui: true }],
      // Unauthenticated, /login answers 200 once Kibana is ready and 503 before -- and again whenever
      // Elasticsearch is unreachable, so it gates readiness only (restarts would not bring ES back).
      health: {
        port: 'http',
        path: '/login',
        command: httpCheckCommand(IMAGE_FACTS.kibana, PORT, '/login'),
        initialDelaySeconds: 60,
        failureThreshold: 10,
        liveness: {},
      },
      resources: mergeResources(DEFAULTS.resources, this.props.resources),
      user: 1000,
      group: 1000,
      scratch: ['/usr/share/kibana/data', '/tmp'],
      links: [{ service: ELASTICSEARCH_SERVICE, port: ELASTICSEARCH_HTTP_PORT }],
      startsAfter: [ELASTICSEARCH_SERVICE],
      setup: {
        description: 'sets the password of the kibana_system user to the Secret\'s, through the Elasticsearch API, as elastic',
        command: ['sh', '-c', SET_KIBANA_PASSWORD],
        secretEnv: [
          { env: 'ELASTIC_PASSWORD', ref: ELASTIC_PASSWORD },
          { env: 'KIBANA_SYSTEM_PASSWORD', ref: KIBANA_SYSTEM_PASSWORD },
        ],
        resources: resources('10m', '32Mi', '100m', '64Mi'),
      },
    };
  }
}
