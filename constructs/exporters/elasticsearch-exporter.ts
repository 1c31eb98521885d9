import { Construct } from 'constructs';
import { Component, ComponentProps, mergeResources, resources } from '../component';
import { ELASTICSEARCH_HTTP_PORT, ELASTICSEARCH_SERVICE, ELASTICSEARCH_URL } from '../elastic';
import { createUserStep, exporterMonitor } from '../elastic-users';
import { httpCheckCommand } from '../image-facts';
import { IMAGE_FACTS, IMAGES } from '../images';
import { ServiceSpec } from '../service';
import { ComponentSettingsDeclaration, KEEPS_NO_DATA, ONE_EXPORTER } from '../settings';

/** What an environment may set on elasticsearch-exporter (see settings.ts). */
export const ELASTICSEARCH_EXPORTER_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.elasticsearchExporter,
  resources: resources('25m', '32Mi', '200m', '128Mi'),
  scrapeJobs: ['elasticsearch-exporter'],
  needs: [{ component: 'elasticsearch', why: 'it reads the statistics of the Elasticsearch cluster' }, { component: 'prometheus', why: 'it collects for Prometheus only' }],
  without: { replicas: ONE_EXPORTER, storage: KEEPS_NO_DATA, retention: KEEPS_NO_DATA },
};

/** What it takes besides an image and resources: nothing. */
export type ElasticsearchExporterProps = ComponentProps;

const DEFAULTS = Object.freeze({
  image: ELASTICSEARCH_EXPORTER_SETTINGS.image,
  resources: ELASTICSEARCH_EXPORTER_SETTINGS.resources,
});

const PORT = 9114;
/** The exporter's own user: statistics, no documents. */
const MONITOR = exporterMonitor();

/** Elasticsearch's cluster health, node and index statistics as Prometheus metrics. */
export class ElasticsearchExporter extends Component {
  readonly serviceName = 'elasticsearch-exporter';
  private readonly props: ElasticsearchExporterProps;

  constructor(scope: Construct, id: string, props: ElasticsearchExporterProps = {}) {
    super(scope, id);
    this.props = props;
  }

  describe(): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    return {
      name: this.serviceName,
      description: 'Elasticsearch cluster, node and index metrics for Prometheus',
      image: p.image,
      workload: 'Deployment',
      replicas: 1,
      args: [`--es.uri=${ELASTICSEARCH_URL}`, '--es.all', '--es.indices', '--es.timeout=10s', `--web.listen-address=:${PORT}`],
      // The exporter reads basic-auth credentials from these variables, keeping them out of its arguments.
      env: { ES_USERNAME: MONITOR.username },
      secretEnv: [{ env: 'ES_PASSWORD', ref: MONITOR.password }],
      setup: createUserStep(MONITOR, "the exporter's"),
      ports: [{ name: 'metrics', port: PORT }],
      health: { port: 'metrics', path: '/', command: httpCheckCommand(IMAGE_FACTS.elasticsearchExporter, PORT, '/') },
      resources: mergeResources(DEFAULTS.resources, this.props.resources),
      user: 65534,
      group: 65534,
      scrape: [{ job: 'elasticsearch-exporter', port: 'metrics' }],
      links: [{ service: ELASTICSEARCH_SERVICE, port: ELASTICSEARCH_HTTP_PORT }],
    };
  }
}
