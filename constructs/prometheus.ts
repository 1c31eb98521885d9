import { Construct } from 'constructs';
import { toYaml } from './yaml';
import { Component, ComponentProps, mergeResources, resources } from './component';
import { httpCheckCommand } from './image-facts';
import { IMAGE_FACTS, IMAGES } from './images';
import { checkFamilies, MetricFamily } from './metrics';
import { ApplicationTarget, Platform, StackScrapeTarget } from './platform';
import { parseRuleFile, PromRuleFile } from './rule-file';
import { BasicAuthCredential, ScrapeEndpoint, ServiceSpec } from './service';
import { authorizedCheckCommand, PresentedCredential, webAuthOf, webStartCommand } from './web-auth';
import { ComponentSettingsDeclaration } from './settings';

/** What an environment may set on Prometheus (see settings.ts). */
export const PROMETHEUS_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.prometheus,
  resources: resources('250m', '1Gi', '1', '4Gi'),
  // Copies scrape the same targets independently: an HA pair.
  replicas: { max: 10 },
  storage: { default: '20Gi' },
  // The SLOs' error budget reads 30 days; a shorter default would fail the synth-time retention check.
  retention: { default: '30d' },
  scrapeJobs: ['prometheus'],
};

export interface PrometheusProps extends ComponentProps {
  /** Copies scraping the same targets (an HA pair in prod). @default 1 */
  readonly replicas?: number;
  /** How long samples are kept. @default PROMETHEUS_SETTINGS.retention */
  readonly retention?: string;
  /** @default PROMETHEUS_SETTINGS.storage */
  readonly storage?: string;
  /** @default '30s' */
  readonly scrapeInterval?: string;
  /** @default '30s' */
  readonly evaluationInterval?: string;
  /** Labels added to every series and alert leaving this Prometheus (the environment's name, say). @default {} */
  readonly externalLabels?: Readonly<Record<string, string>>;
  /** The application the stack watches. @default no application job */
  readonly application?: ApplicationTarget;
  /**
   * Basic authentication on the UI and API (`--web.config.file`); every client, Prometheus scraping
   * itself included, signs in. false leaves them open, for a laptop where they listen on loopback only.
   * @default true
   */
  readonly authentication?: boolean;
}

/** A target Prometheus scrapes besides the stack's own services: anything that can render its job. */
export interface IScrapeJob {
  readonly jobName: string;
  /** The whole `scrape_configs` entry for a platform. */
  render(platform: Platform): object;
  /** What the job's targets expose, so dashboards and alerts reading it pass the stack's coverage check. */
  readonly metrics?: readonly MetricFamily[];
}

/** Alertmanager as Prometheus sees it. */
export interface IAlertReceiver {
  readonly serviceName: string;
  readonly apiPort: number;
  /** What Prometheus presents when it sends alerts. @default none */
  readonly basicAuth?: BasicAuthCredential;
}

const DEFAULTS = Object.freeze({
  image: PROMETHEUS_SETTINGS.image,
  replicas: 1,
  retention: PROMETHEUS_SETTINGS.retention!.default,
  storage: PROMETHEUS_SETTINGS.storage!.default,
  scrapeInterval: '30s',
  evaluationInterval: '30s',
  resources: PROMETHEUS_SETTINGS.resources,
});

const PORT = 9090;
const CONFIG_DIR = '/etc/prometheus/config';
const RULES_DIR = '/etc/prometheus/rules';
/** Scratch: the web configuration and the credentials Prometheus presents, written at start. */
const WEB_DIR = '/etc/prometheus/web';
const BINARY = '/bin/prometheus';

/** The file and variable of a credential Prometheus presents to a target or an Alertmanager. */
function presented(credential: BasicAuthCredential): PresentedCredential {
  const name = `${credential.password.secret}-${credential.password.key}`;
  return { env: name.toUpperCase().replace(/[^A-Z0-9]+/g, '_'), ref: credential.password, file: `${WEB_DIR}/${name}` };
}

function basicAuthConfig(credential: BasicAuthCredential | undefined): object {
  return credential ? { basic_auth: { username: credential.username, password_file: presented(credential).file } } : {};
}

export class Prometheus extends Component {
  readonly serviceName = 'prometheus';
  readonly port = PORT;
  readonly url = `http://prometheus:${PORT}`;
  /** What clients (Grafana, Prometheus itself) present; absent when the UI and API are open. */
  readonly basicAuth?: BasicAuthCredential;
  private readonly props: PrometheusProps;
  private readonly jobs: IScrapeJob[] = [];
  private readonly addedRuleFiles = new Map<string, PromRuleFile>();
  private readonly ruleFileSources: (() => ReadonlyMap<string, PromRuleFile>)[] = [];
  private readonly alertReceivers: IAlertReceiver[] = [];
  /** Finds the stack's scrape endpoints at describe time; set by the stack. */
  private stackTargets: (platform: Platform) => StackScrapeTarget[] = () => [];
  /** Job names the stack's services and the application use; set by the stack. */
  private reservedJobs: () => ReadonlyMap<string, string> = () => new Map();

  constructor(scope: Construct, id: string, props: PrometheusProps = {}) {
    super(scope, id);
    this.props = props;
    this.auth = props.authentication === false ? undefined : webAuthOf(this.serviceName, 'Prometheus');
    this.basicAuth = this.auth?.credential;
  }

  private readonly auth?: ReturnType<typeof webAuthOf>;

  /** How Prometheus scrapes itself: signed in, where its API asks for it. */
  get selfScrapeEndpoint(): ScrapeEndpoint {
    return { job: 'prometheus', port: 'http', ...(this.basicAuth ? { basicAuth: this.basicAuth } : {}) };
  }

  /** Scrape a job that is not a service of the stack. */
  addScrapeJob(job: IScrapeJob): void {
    if (this.jobs.some((j) => j.jobName === job.jobName)) throw new Error(`Prometheus.addScrapeJob: a job named "${job.jobName}" exists already`);
    const owner = this.reservedJobs().get(job.jobName) ?? (this.props.application?.job === job.jobName ? 'the application (application.job)' : undefined);
    if (owner) throw new Error(`Prometheus.addScrapeJob: "${job.jobName}" is the scrape job of ${owner}; Prometheus refuses two jobs of one name`);
    if (job.metrics !== undefined) checkFamilies(job.metrics, `Prometheus.addScrapeJob("${job.jobName}").metrics`);
    this.jobs.push(job);
  }

  /** Add a rule file (YAML text of one or more rule groups) under `fileName`; the text is parsed here, once. */
  addRuleFile(fileName: string, contents: string): void {
    if (!/^[a-z0-9][a-z0-9._-]*\.ya?ml$/.test(fileName)) throw new Error(`Prometheus.addRuleFile: "${fileName}" must be a lower-case .yaml file name`);
    // The file is a key of the rules ConfigMap, which Kubernetes takes up to 253 characters.
    if (fileName.length > 253) throw new Error(`Prometheus.addRuleFile: "${fileName.slice(0, 40)}…" is ${fileName.length} characters long: a ConfigMap key, at most 253`);
    if (this.addedRuleFiles.has(fileName)) throw new Error(`Prometheus.addRuleFile: "${fileName}" was added already`);
    this.addedRuleFiles.set(fileName, parseRuleFile(fileName, contents));
  }

  /**
   * Add rule files produced when the configuration is rendered (the stack's alerting, which extensions
   * may still change after construction): file name → rule groups.
   */
  addRuleFiles(source: () => ReadonlyMap<string, PromRuleFile>): void {
    this.ruleFileSources.push(source);
  }

  /** Every rule file, added and produced by sources: file name → rule groups, sorted by name. */
  get ruleFiles(): ReadonlyMap<string, PromRuleFile> {
    const all = new Map(this.addedRuleFiles);
    for (const source of this.ruleFileSources) {
      for (const [name, contents] of source()) {
        if (all.has(name)) throw new Error(`Prometheus: two rule files are named "${name}"`);
        all.set(name, contents);
      }
    }
    return new Map([...all].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Every rule file serialized as Prometheus loads it: file name → YAML text. */
  get renderedRuleFiles(): ReadonlyMap<string, string> {
    return new Map([...this.ruleFiles].map(([name, file]) => [name, toYaml(file)]));
  }

  /**
   * Names of every job this Prometheus scrapes on a platform: the stack's, the application's and the
   * added ones. Prometheus refuses a configuration with two jobs of one name, and so does this.
   */
  scrapeJobNames(platform: Platform): string[] {
    const names = [
      ...this.stackTargets(platform).map((t) => t.endpoint.job),
      ...(this.props.application ? [this.props.application.job] : []),
      ...this.jobs.map((j) => j.jobName),
    ];
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice !== undefined) throw new Error(`Prometheus: two scrape jobs are named "${twice}"; Prometheus refuses that: rename one`);
    return names;
  }

  /** Called by the stack: which service (or the application) owns each job name, so an added job cannot take it. */
  reserveJobNames(owners: () => ReadonlyMap<string, string>): void {
    this.reservedJobs = owners;
  }

  /** Names of the jobs added with addScrapeJob. */
  get addedJobNames(): string[] {
    return this.jobs.map((j) => j.jobName);
  }

  /** Metric families an added job declares it exposes, for the stack's coverage check. */
  declaredMetrics(jobName: string): readonly MetricFamily[] | undefined {
    return this.jobs.find((j) => j.jobName === jobName)?.metrics;
  }

  addAlertmanager(receiver: IAlertReceiver): void {
    this.alertReceivers.push(receiver);
  }

  /** Called by the stack: the scrape endpoints of every component, found when the config is rendered. */
  discoverStackTargets(find: (platform: Platform) => StackScrapeTarget[]): void {
    this.stackTargets = find;
  }

  /** Every credential Prometheus presents: to itself, its Alertmanagers and the targets that ask for one. */
  private presentedCredentials(platform: Platform): PresentedCredential[] {
    const credentials = [
      ...this.stackTargets(platform).map((t) => t.endpoint.basicAuth),
      ...this.alertReceivers.map((r) => r.basicAuth),
    ].filter((c): c is BasicAuthCredential => c !== undefined);
    const byFile = new Map(credentials.map((c) => [presented(c).file, presented(c)]));
    return [...byFile.values()].sort((a, b) => a.file.localeCompare(b.file));
  }

  describe(platform: Platform): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    const credentials = this.presentedCredentials(platform);
    const start = this.auth || credentials.length > 0 ? webStartCommand({ binary: BINARY, dir: WEB_DIR, hash: this.auth?.hash, presented: credentials }) : undefined;
    const own = this.basicAuth ? presented(this.basicAuth).env : undefined;
    const check = (path: string) => (own ? authorizedCheckCommand(IMAGE_FACTS.prometheus, PORT, path, own) : undefined);
    return {
      name: this.serviceName,
      description: 'Metrics collection, rule evaluation and alerting',
      image: p.image,
      workload: 'StatefulSet',
      replicas: p.replicas,
      ...(start ? { command: start.command, secretEnv: start.secretEnv } : {}),
      args: [
        `--config.file=${CONFIG_DIR}/prometheus.yml`,
        '--storage.tsdb.path=/prometheus',
        `--storage.tsdb.retention.time=${p.retention}`,
        `--web.listen-address=:${PORT}`,
        // No --web.enable-lifecycle: nothing here reloads through the API (a changed config rolls the pods
        // by its hash), and with it any pod allowed to reach 9090 could POST /-/quit.
      ],
      ports: [{ name: 'http', port: PORT, userFacing: true, ui: true }],
      health: {
        port: 'http',
        path: '/-/ready',
        command: check('/-/ready') ?? httpCheckCommand(IMAGE_FACTS.prometheus, PORT, '/-/ready'),
        // Signed in, where the web configuration asks it of every path: an exec probe, since a kubelet
        // HTTP probe could carry the password only as a literal header in the manifest.
        ...(own ? { readinessCommand: check('/-/ready') } : {}),
        // Alive is /-/healthy: /-/ready answers 503 until the WAL is replayed, which after a restart of a
        // large Prometheus takes minutes; as liveness it would restart the replay, over and over.
        liveness: { path: '/-/healthy', ...(own ? { command: check('/-/healthy') } : {}) },
        // Up to 30 minutes to replay the WAL before liveness counts.
        startup: { path: '/-/ready', ...(own ? { command: check('/-/ready') } : {}), periodSeconds: 15, failureThreshold: 120 },
      },
      resources: mergeResources(DEFAULTS.resources, this.props.resources),
      user: 65534,
      group: 65534,
      configs: [
        { name: 'prometheus-config', mountPath: CONFIG_DIR, files: { 'prometheus.yml': this.renderConfig(platform) } },
        { name: 'prometheus-rules', mountPath: RULES_DIR, files: Object.fromEntries(this.renderedRuleFiles) },
      ],
      data: { mountPath: '/prometheus', size: p.storage },
      ...(start ? { scratch: [WEB_DIR] } : {}),
      scrape: [this.selfScrapeEndpoint],
      apiAccess: platform.discoveryAccess,
      // Every service it scrapes is a link like any other, so policies admit Prometheus where it scrapes.
      links: [
        // It scrapes itself through its pod address like any target.
        { service: this.serviceName, port: PORT },
        ...this.alertReceivers.map((r) => ({ service: r.serviceName, port: r.apiPort })),
        ...this.stackTargets(platform)
          .filter((t) => t.service !== this.serviceName)
          .map((t) => ({ service: t.service, port: t.port })),
      ],
      // The application's pods may live in any namespace, on any port.
      externalEgress: 'any',
      peerDiscovery: false,
    };
  }

  /** The stack's scrape endpoints on a platform (Prometheus' own first), for a renderer of monitors. */
  stackScrapeTargets(platform: Platform): StackScrapeTarget[] {
    return this.stackTargets(platform);
  }

  /** The application this Prometheus scrapes, if any. */
  get application(): ApplicationTarget | undefined {
    return this.props.application;
  }

  /** The jobs added with addScrapeJob, as objects. */
  get addedJobs(): readonly IScrapeJob[] {
    return [...this.jobs];
  }

  /** prometheus.yml for a platform, serialized. */
  renderConfig(platform: Platform): string {
    return toYaml(this.config(platform));
  }

  /** prometheus.yml for a platform as an object: the global block, rule files, Alertmanagers and every scrape job. */
  config(platform: Platform): object {
    const p = { ...DEFAULTS, ...this.props };
    this.scrapeJobNames(platform);
    const stackJobs = this.stackTargets(platform).map((t) => ({
      job_name: t.endpoint.job,
      ...(t.endpoint.interval ? { scrape_interval: t.endpoint.interval } : {}),
      metrics_path: t.endpoint.path ?? '/metrics',
      ...withLabels(platform.endpointsDiscovery(t.service, t.endpoint.port, t.port), t.endpoint.labels ?? {}),
      ...(t.endpoint.metricRelabelings?.length ? { metric_relabel_configs: t.endpoint.metricRelabelings } : {}),
      ...basicAuthConfig(t.endpoint.basicAuth),
    }));
    const appJobs = p.application ? [platform.applicationScrapeConfig(p.application)] : [];
    const extraJobs = this.jobs.map((j) => j.render(platform));
    const config = {
      global: {
        scrape_interval: p.scrapeInterval,
        evaluation_interval: p.evaluationInterval,
        ...(p.externalLabels && Object.keys(p.externalLabels).length ? { external_labels: p.externalLabels } : {}),
      },
      rule_files: [`${RULES_DIR}/*.yaml`],
      ...(this.alertReceivers.length
        ? {
            alerting: {
              alertmanagers: this.alertReceivers.map((r) => ({
                api_version: 'v2',
                ...basicAuthConfig(r.basicAuth),
                ...platform.endpointsDiscovery(r.serviceName, 'http', r.apiPort),
              })),
            },
          }
        : {}),
      scrape_configs: [...stackJobs, ...appJobs, ...extraJobs],
    };
    return config;
  }
}

/** A discovery block with fixed labels added by relabelling, which works the same for every kind of discovery. */
function withLabels(discovery: object, labels: Readonly<Record<string, string>>): object {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return discovery;
  const existing = (discovery as { relabel_configs?: readonly object[] }).relabel_configs ?? [];
  return {
    ...discovery,
    relabel_configs: [...existing, ...names.map((name) => ({ target_label: name, replacement: labels[name] }))],
  };
}
