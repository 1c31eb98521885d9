/**
 * The whole monitoring stack for one environment: makes the components of constructs/component-table.ts
 * that its props do not turn off, in the table's order, and wires them together (scrape targets,
 * datasources, alerting). Renderers read it through `describe`.
 */
import { Construct } from 'constructs';
import { Alerting } from '../alerts/alerting';
import { buildDashboards } from '../dashboards';
import { Alertmanager } from './alertmanager';
import { Component } from './component';
import { COMPONENT_NAMES, COMPONENT_SETTINGS, ComponentName, ComponentOf, COMPONENTS } from './component-table';
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
import { MonitoringStackProps } from './stack-props';

export * from './stack-props';

export class MonitoringStack extends Construct {
  /** What the stack was made from (the environment's facts, each component's props). */
  readonly props: MonitoringStackProps;
  /** Rule files, SLOs, routing and runbooks; rendered lazily, so extensions may add to them. */
  readonly alerting: Alerting;
  private readonly made = new Map<ComponentName, Component>();
  private readonly pass = new PassCache();

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id);
    this.props = props;
    // In the table's order: a component's entry reads the components made before it.
    for (const name of COMPONENT_NAMES) {
      const given = props.components?.[name];
      if (given === false) continue;
      // Each entry's props type is its own; the table holds each one's make and props together.
      const make = COMPONENTS[name].make as (stack: MonitoringStack, p: object) => Component | undefined;
      const component = make(this, given ?? {});
      if (component) this.made.set(name, component);
    }
    this.alerting = new Alerting(
      {
        environment: props.name,
        applicationJob: this.applicationJob,
        runbookBaseUrl: props.alerting.runbookBaseUrl,
        ...(props.alerting.rules ? { overrides: props.alerting.rules } : {}),
        ...(props.alerting.routing ? { routing: props.alerting.routing } : {}),
      },
      () => this.scrapeJobs,
    );
    this.wire();
  }

  /** The component of that name, where the stack runs it. */
  component<N extends ComponentName>(name: N): ComponentOf<N> | undefined {
    return this.made.get(name) as ComponentOf<N> | undefined;
  }

  get prometheus(): Prometheus | undefined {
    return this.component('prometheus');
  }
  get alertmanager(): Alertmanager | undefined {
    return this.component('alertmanager');
  }
  get grafana(): Grafana | undefined {
    return this.component('grafana');
  }
  get nodeExporter(): NodeExporter | undefined {
    return this.component('node-exporter');
  }
  get cadvisor(): Cadvisor | undefined {
    return this.component('cadvisor');
  }
  get redisExporter(): RedisExporter | undefined {
    return this.component('redis-exporter');
  }
  get postgresExporter(): PostgresExporter | undefined {
    return this.component('postgres-exporter');
  }
  get gpuExporter(): GpuExporter | undefined {
    return this.component('gpu-exporter');
  }
  get loki(): Loki | undefined {
    return this.component('loki');
  }
  get promtail(): Promtail | undefined {
    return this.component('promtail');
  }
  get elasticsearch(): Elasticsearch | undefined {
    return this.component('elasticsearch');
  }
  get jaeger(): Jaeger | undefined {
    return this.component('jaeger');
  }
  /** Deletes Jaeger's span indices after the retention, where spans go to Elasticsearch. */
  get jaegerIndexCleaner(): JaegerIndexCleaner | undefined {
    return this.component('jaeger-index-cleaner');
  }
  get logstash(): Logstash | undefined {
    return this.component('logstash');
  }
  get kibana(): Kibana | undefined {
    return this.component('kibana');
  }
  get elasticsearchExporter(): ElasticsearchExporter | undefined {
    return this.component('elasticsearch-exporter');
  }
  get logstashExporter(): LogstashExporter | undefined {
    return this.component('logstash-exporter');
  }

  /** The application's scrape job. */
  get applicationJob(): string {
    return this.props.application.scrape.job;
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
        buildDashboards({ jobs: this.scrapeJobs, applicationJob: this.applicationJob, recordedSeries: this.recordedSeries }),
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
    owners.set(this.applicationJob, 'the application (application.job)');
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
    return new Set([...this.components.map((c) => c.serviceName), this.applicationJob, ...this.prometheus.addedJobNames]);
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
