/**
 * The whole monitoring stack for one environment: creates the components the environment enables and
 * wires them together (scrape targets, datasources, alerting). Renderers read it through `describe`.
 */
import { Construct } from 'constructs';
import { Alerting } from '../alerts/alerting';
import { buildDashboards } from '../dashboards';
import { componentSettings, Environment, isEnabled } from '../src/config/environment';
import { Alertmanager } from './alertmanager';
import { Component, definedSettings } from './component';
import { Cadvisor } from './exporters/cadvisor';
import { GpuExporter } from './exporters/gpu-exporter';
import { NodeExporter } from './exporters/node-exporter';
import { PostgresExporter } from './exporters/postgres-exporter';
import { RedisExporter } from './exporters/redis-exporter';
import { ElasticsearchExporter } from './exporters/elasticsearch-exporter';
import { LogstashExporter } from './exporters/logstash-exporter';
import { Elasticsearch } from './elasticsearch';
import { Grafana } from './grafana';
import { Jaeger } from './jaeger';
import { JaegerIndexCleaner } from './jaeger-index-cleaner';
import { Kibana } from './kibana';
import { Logstash } from './logstash';
import { Loki } from './loki';
import { wireLogsAndTraces } from './logs-wiring';
import { Promtail } from './promtail';
import { PassCache } from './pass-cache';
import { Platform, StackScrapeTarget } from './platform';
import { Prometheus } from './prometheus';
import { ruleFileContents, RuleFileContents } from './rule-file';
import { resolveSpec, ResolvedServiceSpec } from './service';
import { COMPONENT_SETTINGS, ComponentName } from './settings-table';

export interface MonitoringStackProps {
  readonly environment: Environment;
}

export class MonitoringStack extends Construct {
  readonly environment: Environment;
  readonly prometheus?: Prometheus;
  readonly alertmanager?: Alertmanager;
  readonly grafana?: Grafana;
  readonly nodeExporter?: NodeExporter;
  /** Rule files, SLOs, routing and runbooks; rendered lazily, so extensions may add to them. */
  readonly alerting: Alerting;
  readonly cadvisor?: Cadvisor;
  readonly redisExporter?: RedisExporter;
  readonly postgresExporter?: PostgresExporter;
  readonly gpuExporter?: GpuExporter;
  readonly loki?: Loki;
  readonly promtail?: Promtail;
  readonly elasticsearch?: Elasticsearch;
  readonly jaeger?: Jaeger;
  /** Deletes Jaeger's span indices after the retention, where spans go to Elasticsearch. */
  readonly jaegerIndexCleaner?: JaegerIndexCleaner;
  readonly logstash?: Logstash;
  readonly kibana?: Kibana;
  readonly elasticsearchExporter?: ElasticsearchExporter;
  readonly logstashExporter?: LogstashExporter;
  private readonly pass = new PassCache();

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id);
    const env = props.environment;
    this.environment = env;
    // The component, made from the environment's settings, when the environment enables it.
    const on = <T>(name: ComponentName, make: (s: Partial<Omit<ReturnType<typeof componentSettings>, 'enabled'>>) => T): T | undefined =>
      isEnabled(env, name) ? make(definedSettings(componentSettings(env, name))) : undefined;

    this.prometheus = on('prometheus', (s) =>
      new Prometheus(this, 'prometheus', {
        ...s,
        externalLabels: { environment: env.name },
        authentication: env.access.authentication,
        application: {
          job: env.application.job,
          metricsPath: env.application.metricsPath,
          staticTargets: env.application.composeTargets,
        },
      }),
    );
    this.alertmanager = on('alertmanager', (s) => new Alertmanager(this, 'alertmanager', { ...s, authentication: env.access.authentication }));
    // Behind the Ingress, Grafana's links point at its host there.
    this.grafana = on('grafana', (s) => new Grafana(this, 'grafana', { ...s, ...(env.ingress ? { rootUrl: `https://grafana.${env.ingress.domain}` } : {}) }));
    this.nodeExporter = on('node-exporter', (s) => new NodeExporter(this, 'node-exporter', s));
    this.cadvisor = on('cadvisor', (s) => new Cadvisor(this, 'cadvisor', s));
    const { redis, postgres } = env.application;
    this.redisExporter = on('redis-exporter', (s) =>
      new RedisExporter(this, 'redis-exporter', { ...s, redisAddress: { cluster: redis.address, compose: redis.composeAddress } }),
    );
    this.postgresExporter = on('postgres-exporter', (s) =>
      new PostgresExporter(this, 'postgres-exporter', {
        ...s,
        postgres: {
          address: { cluster: postgres.address, compose: postgres.composeAddress },
          database: postgres.database,
          sslmode: postgres.sslmode,
          user: postgres.exporterUser,
        },
      }),
    );
    this.gpuExporter = on('gpu-exporter', (s) => new GpuExporter(this, 'gpu-exporter', s));
    this.loki = on('loki', (s) => new Loki(this, 'loki', s));
    this.promtail = on('promtail', (s) => new Promtail(this, 'promtail', pick(s, 'image', 'resources')));
    this.elasticsearch = on('elasticsearch', (s) => new Elasticsearch(this, 'elasticsearch', s));
    const es = this.elasticsearch;
    this.jaeger = on('jaeger', (s) =>
      new Jaeger(this, 'jaeger', {
        ...pick(s, 'image', 'resources'),
        // Spans go to Elasticsearch where the environment asks for it (the loader refuses it without the cluster).
        ...(env.tracing.storage === 'elasticsearch' && es ? { storage: { kind: 'elasticsearch', clusterReplicas: es.replicas } } : {}),
      }),
    );
    if (this.jaeger?.storage.kind === 'elasticsearch') {
      // Spans live in Elasticsearch as long as its data does: the environment's one retention for the cluster.
      const retention = definedSettings(componentSettings(env, 'elasticsearch')).retention;
      this.jaegerIndexCleaner = on('jaeger-index-cleaner', (s) =>
        new JaegerIndexCleaner(this, 'jaeger-index-cleaner', { ...pick(s, 'image', 'resources'), ...(retention ? { retention } : {}) }),
      );
    }
    this.logstash = on('logstash', (s) => new Logstash(this, 'logstash', {
        ...pick(s, 'image', 'resources'),
        ...(es ? { elasticsearchReplicas: es.replicas } : {}),
        // Log indices live as long as the Elasticsearch settings of the environment say.
        ...pick(definedSettings(componentSettings(env, 'elasticsearch')), 'retention'),
      }));
    this.kibana = on('kibana', (s) => new Kibana(this, 'kibana', { ...pick(s, 'image', 'resources', 'replicas'), publicBaseUrl: env.publicUrls.kibana }));
    // The exporters run with what they watch (the loader refuses one enabled without it).
    if (es) this.elasticsearchExporter = on('elasticsearch-exporter', (s) => new ElasticsearchExporter(this, 'elasticsearch-exporter', s));
    if (this.logstash) this.logstashExporter = on('logstash-exporter', (s) => new LogstashExporter(this, 'logstash-exporter', s));

    this.alerting = new Alerting(env, () => this.scrapeJobs);
    this.wire();
  }

  private wire(): void {
    if (this.alertmanager) this.alertmanager.useRouting(this.alerting.routing);
    const prometheus = this.prometheus;
    if (prometheus) {
      prometheus.discoverStackTargets((platform) => this.scrapeTargetsFor(prometheus, platform));
      prometheus.reserveJobNames(() => this.reservedJobNames());
      if (this.alertmanager) prometheus.addAlertmanager(this.alertmanager);
      prometheus.addRuleFiles(() => this.pass.get('rule files', () => this.alerting.ruleFiles()));
      this.grafana?.addDatasource({
        uid: 'prometheus',
        name: 'Prometheus',
        type: 'prometheus',
        url: prometheus.url,
        isDefault: true,
        jsonData: { timeInterval: '30s', httpMethod: 'POST' },
        service: { name: prometheus.serviceName, port: prometheus.port },
        ...(prometheus.basicAuth ? { basicAuth: prometheus.basicAuth } : {}),
      });
    }
    wireLogsAndTraces(this);
    // Decided when the stack is described, so jobs and rules added later (extensions) count.
    this.grafana?.addDashboards(() =>
      this.pass.get('dashboards', () =>
        buildDashboards({ jobs: this.scrapeJobs, applicationJob: this.environment.application.job, recordedSeries: this.recordedSeries }),
      ),
    );
  }

  /** Job name → its owner: the jobs the stack's own components declare, and the application's. */
  private reservedJobNames(): ReadonlyMap<string, string> {
    const owners = new Map<string, string>();
    for (const c of this.components) {
      const declared = Object.hasOwn(COMPONENT_SETTINGS, c.serviceName) ? COMPONENT_SETTINGS[c.serviceName as ComponentName].scrapeJobs : [];
      for (const job of declared) owners.set(job, `the ${c.serviceName} service`);
    }
    owners.set(this.environment.application.job, 'the application (application.job)');
    return owners;
  }

  /** Series the rule files of Prometheus record. */
  get recordedSeries(): ReadonlySet<string> {
    return new Set([...this.ruleFileContents.values()].flatMap((contents) => contents.recorded));
  }

  /** The expressions and recorded series of Prometheus' rule files, by file name. */
  get ruleFileContents(): ReadonlyMap<string, RuleFileContents> {
    return this.pass.get('rule file contents', () => {
      const rules = this.prometheus?.ruleFiles ?? new Map();
      return new Map([...rules].map(([file, groups]) => [file, ruleFileContents(file, groups)]));
    });
  }

  /**
   * Scrape jobs of this environment: job names are service names, plus the application's job. None
   * without Prometheus, so no dashboard reads metrics nobody collects.
   */
  get scrapeJobs(): ReadonlySet<string> {
    if (!this.prometheus) return new Set();
    return new Set([...this.components.map((c) => c.serviceName), this.environment.application.job, ...this.prometheus.addedJobNames]);
  }

  /** Every component of the stack, in creation order. */
  get components(): Component[] {
    return Component.all(this);
  }

  /** Names of the components that run in this environment. */
  get componentNames(): ReadonlySet<string> {
    return new Set(this.components.map((c) => c.serviceName));
  }

  /**
   * Runs `work` (a render, a check) as one pass over the stack: rule files, dashboards and the
   * description of each component on a platform are derived once and shared. Nothing may be added
   * to the stack meanwhile.
   */
  inOnePass<T>(work: () => T): T {
    return this.pass.run(work);
  }

  /** The neutral description of every service, for a renderer. */
  describe(platform: Platform): ResolvedServiceSpec[] {
    return this.inOnePass(() => {
      const specs = this.components.map((c) => this.specOf(c, platform));
      const names = specs.map((s) => s.name);
      const twice = names.find((n, i) => names.indexOf(n) !== i);
      if (twice) throw new Error(`two components are named "${twice}": service names must be unique in a stack`);
      return specs;
    });
  }

  /** One component described for a platform; within a pass, once (Prometheus' scrape walk asks for every other). */
  private specOf(component: Component, platform: Platform): ResolvedServiceSpec {
    const specs = this.pass.get(platform, () => new Map<Component, ResolvedServiceSpec>());
    let spec = specs.get(component);
    if (!spec) {
      spec = resolveSpec(component.describe(platform));
      specs.set(component, spec);
    }
    return spec;
  }

  /** The scrape endpoints of every component, Prometheus' own first. */
  private scrapeTargetsFor(prometheus: Prometheus, platform: Platform): StackScrapeTarget[] {
    // Prometheus describes itself from this list, so it is left out of the walk and added by hand.
    const others = this.components.filter((c) => c !== prometheus);
    const self: StackScrapeTarget = { service: prometheus.serviceName, endpoint: prometheus.selfScrapeEndpoint, port: prometheus.port };
    return [
      self,
      ...others.flatMap((c) => {
        const spec = this.specOf(c, platform);
        return spec.scrape.map((endpoint) => {
          const port = spec.ports.find((p) => p.name === endpoint.port);
          if (!port) throw new Error(`${spec.name}: scrape endpoint "${endpoint.job}" names port "${endpoint.port}", which the service does not have`);
          return { service: spec.name, endpoint, port: port.port };
        });
      }),
    ];
  }
}

/** The named settings that are set; absent ones stay absent so they do not hide a component's defaults. */
function pick<T extends object, K extends keyof T>(settings: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.filter((k) => settings[k] !== undefined).map((k) => [k, settings[k]])) as Pick<T, K>;
}
