import { Construct } from 'constructs';
import { Component, mergeResources, resources } from './component';
import {
  ELASTIC_PASSWORD,
  ELASTICSEARCH_HTTP_PORT,
  ELASTICSEARCH_SERVICE,
  ELASTICSEARCH_URL,
  KIBANA_ENCRYPTION_KEY,
  KIBANA_SYSTEM_PASSWORD,
  untilElasticsearchAccepts,
} from './elastic';
import { IMAGES } from './images';
import { ServiceSpec } from './service';
import { ComponentSettingsDeclaration, ResourceSettings } from './settings';

/** What an environment may set on Kibana (see settings.ts). */
export const KIBANA_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.kibana,
  resources: resources('250m', '1Gi', '1', '2Gi'),
  scrapeJobs: [],
  needs: [{ component: 'elasticsearch', why: 'it searches the logs in Elasticsearch and keeps its saved objects there' }],
  without: {
    replicas:
      'copies behind one Service must share the session encryption key (xpack.security.encryptionKey), which the stack does not issue; each copy would make its own and log users out as requests move between them',
    storage: 'its saved objects live in Elasticsearch; its data directory is scratch',
    retention: 'it keeps no data of its own',
  },
};

export interface KibanaProps {
  /** @default IMAGES.kibana */
  readonly image?: string;
  readonly resources?: ResourceSettings;
}

const DEFAULTS = Object.freeze({
  image: KIBANA_SETTINGS.image,
  resources: KIBANA_SETTINGS.resources,
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
    this.props = props;
  }

  describe(): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    return {
      name: this.serviceName,
      description: 'Search and dashboards over the logs in Elasticsearch',
      image: p.image,
      workload: 'Deployment',
      replicas: 1,
      // The image turns upper-case settings names into Kibana settings.
      env: {
        SERVER_HOST: '0.0.0.0',
        SERVER_NAME: 'kibana',
        ELASTICSEARCH_HOSTS: ELASTICSEARCH_URL,
        ELASTICSEARCH_USERNAME: 'kibana_system',
        TELEMETRY_OPTIN: 'false',
      },
      secretEnv: [
        { env: 'ELASTICSEARCH_PASSWORD', ref: KIBANA_SYSTEM_PASSWORD },
        { env: 'XPACK_ENCRYPTEDSAVEDOBJECTS_ENCRYPTIONKEY', ref: KIBANA_ENCRYPTION_KEY },
      ],
      ports: [{ name: 'http', port: PORT, userFacing: true }],
      // Unauthenticated, /login answers 200 once Kibana is ready and 503 before -- and again whenever
      // Elasticsearch is unreachable, so it gates readiness only (restarts would not bring ES back).
      health: {
        port: 'http',
        path: '/login',
        command: ['curl', '-s', '-f', '-o', '/dev/null', `http://127.0.0.1:${PORT}/login`],
        initialDelaySeconds: 60,
        failureThreshold: 10,
        livenessTcp: true,
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
