import { Construct } from 'constructs';
import { Component, ComponentProps, mergeResources, resources } from '../component';
import { IMAGES } from '../images';
import { LOGSTASH_PORTS } from '../logstash';
import { ServiceSpec } from '../service';
import { ComponentSettingsDeclaration, KEEPS_NO_DATA, ONE_EXPORTER } from '../settings';

/** What an environment may set on logstash-exporter (see settings.ts). */
export const LOGSTASH_EXPORTER_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.logstashExporter,
  resources: resources('25m', '32Mi', '200m', '128Mi'),
  scrapeJobs: ['logstash-exporter'],
  needs: [{ component: 'logstash', why: 'it reads the statistics of Logstash\'s API' }, { component: 'prometheus', why: 'it collects for Prometheus only' }],
  without: { replicas: ONE_EXPORTER, storage: KEEPS_NO_DATA, retention: KEEPS_NO_DATA },
};

/** What it takes besides an image and resources: nothing. */
export type LogstashExporterProps = ComponentProps;

const DEFAULTS = Object.freeze({
  image: LOGSTASH_EXPORTER_SETTINGS.image,
  resources: LOGSTASH_EXPORTER_SETTINGS.resources,
});

const PORT = 9198;

/** Logstash's node and pipeline statistics (from its API on 9600) as Prometheus metrics. */
export class LogstashExporter extends Component {
  readonly serviceName = 'logstash-exporter';
  private readonly props: LogstashExporterProps;

  constructor(scope: Construct, id: string, props: LogstashExporterProps = {}) {
    super(scope, id);
    this.props = props;
  }

  describe(): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    return {
      name: this.serviceName,
      description: 'Logstash node and pipeline metrics for Prometheus',
      image: p.image,
      workload: 'Deployment',
      replicas: 1,
      env: { LOGSTASH_URL: `http://logstash:${LOGSTASH_PORTS.api}`, PORT: String(PORT) },
      ports: [{ name: 'metrics', port: PORT }],
      // A scratch image with the binary only: the HTTP probe is the check. Its /healthcheck fails while
      // Logstash is down, which would restart the exporter for Logstash's fault: the metrics page does not.
      health: { port: 'metrics', path: '/metrics' },
      resources: mergeResources(DEFAULTS.resources, this.props.resources),
      // The image names no user; run as nobody.
      user: 65534,
      group: 65534,
      scrape: [{ job: 'logstash-exporter', port: 'metrics' }],
      links: [{ service: 'logstash', port: LOGSTASH_PORTS.api }],
    };
  }
}
