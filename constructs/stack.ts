/**
 * The whole monitoring stack for one environment: creates the components the environment enables and
 * wires them together (scrape targets, datasources, alerting). Renderers read it through `describe`.
 */
import { Construct } from 'constructs';
import { Alerting } from '../alerts/alerting';
import { componentSettings, Environment, isEnabled } from '../src/config/environment';
import { ComponentName } from '../src/config/schema';
import { Alertmanager } from './alertmanager';
import { Component, definedSettings } from './component';
import { Cadvisor } from './exporters/cadvisor';
import { GpuExporter } from './exporters/gpu-exporter';
import { NodeExporter } from './exporters/node-exporter';
import { PostgresExporter } from './exporters/postgres-exporter';
import { RedisExporter } from './exporters/redis-exporter';
import { Grafana } from './grafana';
import { Platform, StackScrapeTarget } from './platform';
import { Prometheus } from './prometheus';
import { resolveSpec, ResolvedServiceSpec } from './service';

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

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id);
    const env = props.environment;
    this.environment = env;
    const settings = (name: ComponentName) => (isEnabled(env, name) ? definedSettings(componentSettings(env, name)) : undefined);
    const on = <T>(name: ComponentName, make: (s: ReturnType<typeof definedSettings>) => T): T | undefined => {
      const s = settings(name);
      return s ? make(s) : undefined;
    };

    this.prometheus = on('prometheus', (s) =>
      new Prometheus(this, 'prometheus', {
        ...s,
        externalLabels: { environment: env.name },
        application: {
          job: env.application.job,
          metricsPath: env.application.metricsPath,
          staticTargets: env.application.composeTargets,
        },
      }),
    );
    this.alertmanager = on('alertmanager', (s) => new Alertmanager(this, 'alertmanager', s));
    this.grafana = on('grafana', (s) => new Grafana(this, 'grafana', s));
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

    this.alerting = new Alerting(env, () => this.scrapeJobs);
    this.wire();
  }

  private wire(): void {
    if (this.alertmanager) this.alertmanager.useRouting(this.alerting.routing);
    const prometheus = this.prometheus;
    if (prometheus) {
      prometheus.discoverStackTargets((platform) => this.scrapeTargetsFor(prometheus, platform));
      if (this.alertmanager) prometheus.addAlertmanager(this.alertmanager);
      prometheus.addRuleFiles(() => this.alerting.ruleFiles());
      this.grafana?.addDatasource({
        uid: 'prometheus',
        name: 'Prometheus',
        type: 'prometheus',
        url: prometheus.url,
        isDefault: true,
        jsonData: { timeInterval: '30s', httpMethod: 'POST' },
        service: { name: prometheus.serviceName, port: prometheus.port },
      });
    }
  }

  /** Scrape jobs Prometheus has: every component's (job names are service names) and the application's. */
  get scrapeJobs(): ReadonlySet<string> {
    return new Set([...this.componentNames, this.environment.application.job, ...(this.prometheus?.addedJobNames ?? [])]);
  }

  /** Every component of the stack, in creation order. */
  get components(): Component[] {
    return Component.all(this);
  }

  /** Names of the components that run in this environment. */
  get componentNames(): ReadonlySet<string> {
    return new Set(this.components.map((c) => c.serviceName));
  }

  /** The neutral description of every service, for a renderer. */
  describe(platform: Platform): ResolvedServiceSpec[] {
    const specs = this.components.map((c) => resolveSpec(c.describe(platform)));
    const names = specs.map((s) => s.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) throw new Error(`two components are named "${twice}": service names must be unique in a stack`);
    return specs;
  }

  /** The scrape endpoints of every component, Prometheus' own first. */
  private scrapeTargetsFor(prometheus: Prometheus, platform: Platform): StackScrapeTarget[] {
    // Prometheus describes itself from this list, so it is left out of the walk and added by hand.
    const others = this.components.filter((c) => c !== prometheus);
    const self: StackScrapeTarget = { service: prometheus.serviceName, endpoint: { job: 'prometheus', port: 'http' }, port: prometheus.port };
    return [
      self,
      ...others.flatMap((c) => {
        const spec = resolveSpec(c.describe(platform));
        return spec.scrape.map((endpoint) => {
          const port = spec.ports.find((p) => p.name === endpoint.port);
          if (!port) throw new Error(`${spec.name}: scrape endpoint "${endpoint.job}" names port "${endpoint.port}", which the service does not have`);
          return { service: spec.name, endpoint, port: port.port };
        });
      }),
    ];
  }
}
