import { Construct } from 'constructs';
import { checkDashboardSize } from './dashboard-size';
import { Component, ComponentProps, mergeResources, resources } from './component';
import { httpCheckCommand } from './image-facts';
import { IMAGE_FACTS, IMAGES } from './images';
import { toYaml } from './yaml';
import { BasicAuthCredential, ConfigBundle, SecretEnv, SecretRef, ServiceSpec, SetupStep } from './service';
import { ComponentSettingsDeclaration } from './settings';

/** What an environment may set on Grafana (see settings.ts). */
export const GRAFANA_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.grafana,
  resources: resources('100m', '256Mi', '500m', '1Gi'),
  storage: { default: '2Gi' },
  scrapeJobs: ['grafana'],
  without: {
    replicas:
      'its SQLite database lives on one ReadWriteOnce volume, which one pod at a time can mount; more copies need a shared database (MySQL or Postgres), which the stack does not run',
    retention: 'dashboards and datasources are provisioned; nothing of its own expires',
  },
};

/** A Grafana datasource: whatever can be queried (Prometheus, Loki, Jaeger, Elasticsearch). */
export interface IDatasource {
  readonly uid: string;
  readonly name: string;
  /** Grafana plugin id: `prometheus`, `loki`, `jaeger`, `elasticsearch`. */
  readonly type: string;
  readonly url: string;
  readonly isDefault?: boolean;
  readonly jsonData?: Readonly<Record<string, unknown>>;
  /** Credentials Grafana reads from environment variables (`$__env{NAME}` in secureJsonData). */
  readonly secureJsonData?: Readonly<Record<string, string>>;
  readonly basicAuthUser?: string;
  /**
   * A user and password the datasource signs in with: the password reaches Grafana as a variable from
   * its Secret, and provisioning reads it with `$__env{…}`. @default none
   */
  readonly basicAuth?: BasicAuthCredential;
  /** The service Grafana connects to, for network policies. */
  readonly service: { readonly name: string; readonly port: number };
}

/** Shell lines of Grafana's setup step, with the credentials they read. */
export interface GrafanaSetupPart {
  readonly description: string;
  readonly script: readonly string[];
  readonly secretEnv: readonly SecretEnv[];
}

/** A dashboard as Grafana JSON, provisioned from a file. */
export interface IDashboard {
  readonly uid: string;
  readonly title: string;
  /** The rendered JSON. */
  readonly json: string;
  /** Every query of the dashboard, so the stack can check that what it reads is collected. */
  readonly queries?: readonly DashboardQuery[];
}

/** One query of a dashboard panel. */
export interface DashboardQuery {
  readonly panel: string;
  /** Uid of the datasource it runs on. */
  readonly datasource: string;
  readonly expr: string;
  /** Spans of `expr` (`[from, to)`) that stand for Grafana's interval variables: their windows are Grafana's choice. */
  readonly intervalSpans?: readonly (readonly [number, number])[];
  /** The legend template; `{{label}}` in it must name a label of the result. */
  readonly legend?: string;
}

export interface GrafanaProps extends ComponentProps {
  /** Grafana's own database (users, preferences, annotations); dashboards and datasources are provisioned. @default GRAFANA_SETTINGS.storage */
  readonly storage?: string;
  /** Where users open Grafana (its Ingress host): the base of the links it sends. @default http://localhost:3000 */
  readonly rootUrl?: string;
}

const DEFAULTS = Object.freeze({
  image: GRAFANA_SETTINGS.image,
  storage: GRAFANA_SETTINGS.storage!.default,
  resources: GRAFANA_SETTINGS.resources,
});

const PORT = 3000;
const DASHBOARDS_DIR = '/etc/grafana/dashboards';
const DASHBOARD_UID = /^(?=.{1,40}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
export const dashboardConfigMapName = (uid: string) => `grafana-dashboard-${uid}`;
export const dashboardFileName = (uid: string) => `${uid}.json`;

/**
 * Source dashboards that passed checkDashboard, a pure check of the dashboard alone: a source gives the
 * same objects for a whole pass, and the stack's own dashboards are shared by environments alike.
 */
const checkedDashboards = new WeakSet<IDashboard>();

/** A dashboard Grafana can provision: a uid that can name a ConfigMap, and a ConfigMap that fits. */
function checkDashboard(dashboard: IDashboard): void {
  // The uid names a ConfigMap, a volume (≤ 63 characters with the prefix) and a folder.
  if (!DASHBOARD_UID.test(dashboard.uid)) {
    throw new Error(`Grafana: dashboard uid "${dashboard.uid}" of "${dashboard.title}" must be 1-40 lower-case letters, digits and dashes`);
  }
  checkDashboardSize(dashboard, dashboardConfigMapName(dashboard.uid), dashboardFileName(dashboard.uid));
}

/** Grafana provisions a dashboard file only if it holds a JSON object (an added one may be written by hand). */
function checkDashboardJson(dashboard: IDashboard): void {
  let doc: unknown;
  try {
    doc = JSON.parse(dashboard.json);
  } catch (e) {
    throw new Error(`Grafana.addDashboard: the json of "${dashboard.title}" (uid ${dashboard.uid}) is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new Error(`Grafana.addDashboard: the json of "${dashboard.title}" (uid ${dashboard.uid}) must be a JSON object (a Grafana dashboard)`);
  }
}

/** The Secret with the admin password, created by `monstack secrets`. */
export const GRAFANA_ADMIN_SECRET = 'grafana-admin';

export class Grafana extends Component {
  readonly serviceName = 'grafana';
  readonly port = PORT;
  private readonly props: GrafanaProps;
  private readonly datasources = new Map<string, IDatasource>();
  private readonly dashboards = new Map<string, IDashboard>();
  private readonly dashboardSources: (() => readonly IDashboard[])[] = [];
  private readonly secretEnv: SecretEnv[] = [];
  private readonly setupParts: GrafanaSetupPart[] = [];

  constructor(scope: Construct, id: string, props: GrafanaProps = {}) {
    super(scope, id);
    this.props = props;
  }

  addDatasource(ds: IDatasource): void {
    // Grafana (from 11.2) refuses to provision a datasource whose uid is not its short-uid form.
    if (!/^[a-zA-Z0-9_-]{1,40}$/.test(ds.uid)) throw new Error(`Grafana.addDatasource: uid "${ds.uid}" must be 1-40 letters, digits, "-" and "_", as Grafana takes it`);
    if (this.datasources.has(ds.uid)) throw new Error(`Grafana.addDatasource: uid "${ds.uid}" is taken`);
    if (ds.basicAuth && (ds.basicAuthUser || ds.secureJsonData?.basicAuthPassword)) throw new Error(`Grafana.addDatasource: "${ds.uid}" gives basicAuth and basicAuthUser or basicAuthPassword; give one`);
    if (ds.basicAuth) {
      const env = `DATASOURCE_${ds.uid.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_PASSWORD`;
      this.addSecretEnv(env, ds.basicAuth.password);
      ds = { ...ds, basicAuthUser: ds.basicAuth.username, secureJsonData: { ...ds.secureJsonData, basicAuthPassword: `$__env{${env}}` } };
    }
    this.datasources.set(ds.uid, ds);
  }

  addDashboard(dashboard: IDashboard): void {
    checkDashboard(dashboard);
    checkDashboardJson(dashboard);
    if (this.dashboards.has(dashboard.uid)) throw new Error(`Grafana.addDashboard: uid "${dashboard.uid}" is taken`);
    this.dashboards.set(dashboard.uid, dashboard);
  }

  /**
   * Dashboards decided when the stack is described rather than now: the stack's own, which follow the
   * jobs and recording rules the environment ends up with (extensions included).
   */
  addDashboards(source: () => readonly IDashboard[]): void {
    this.dashboardSources.push(source);
  }

  /** The datasources added, in order. */
  get datasourceList(): IDatasource[] {
    return [...this.datasources.values()];
  }

  /** Credentials datasources read from environment variables: variable → Secret key. */
  get datasourceSecretEnv(): readonly SecretEnv[] {
    return [...this.secretEnv];
  }

  /** The dashboards provisioned so far, by uid order. */
  get provisionedDashboards(): IDashboard[] {
    return this.allDashboards().sort((a, b) => a.uid.localeCompare(b.uid));
  }

  /** A credential a datasource reads through `$__env{env}`. */
  addSecretEnv(env: string, ref: SecretRef): void {
    this.secretEnv.push({ env, ref });
  }

  /**
   * A part of the one-shot step run before Grafana starts (an Elasticsearch user for its datasource):
   * shell lines run in Grafana's image, which has curl. Parts run in the order added.
   */
  addSetup(part: GrafanaSetupPart): void {
    this.setupParts.push(part);
  }

  private setupStep(): SetupStep | undefined {
    if (this.setupParts.length === 0) return undefined;
    const secretEnv = new Map<string, SecretEnv>();
    for (const s of this.setupParts.flatMap((part) => part.secretEnv)) secretEnv.set(s.env, s);
    return {
      description: this.setupParts.map((part) => part.description).join('; '),
      command: ['sh', '-c', this.setupParts.flatMap((part) => part.script).join('\n')],
      secretEnv: [...secretEnv.values()],
      resources: resources('10m', '16Mi', '100m', '32Mi'),
    };
  }

  /** Added dashboards, then the sources' in order; uids unique across both. */
  private allDashboards(): IDashboard[] {
    const all = [...this.dashboards.values()];
    for (const source of this.dashboardSources) {
      for (const dashboard of source()) {
        if (!checkedDashboards.has(dashboard)) {
          checkDashboard(dashboard);
          checkedDashboards.add(dashboard);
        }
        if (all.some((d) => d.uid === dashboard.uid)) throw new Error(`Grafana: two dashboards have uid "${dashboard.uid}" ("${dashboard.title}")`);
        all.push(dashboard);
      }
    }
    return all;
  }

  describe(): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    const datasources = [...this.datasources.values()];
    const setup = this.setupStep();
    return {
      name: this.serviceName,
      description: 'Dashboards over metrics, logs and traces',
      image: p.image,
      workload: 'Deployment',
      // Grafana's SQLite database lives on one volume: one copy.
      replicas: 1,
      env: {
        GF_SECURITY_ADMIN_USER: 'admin',
        GF_USERS_ALLOW_SIGN_UP: 'false',
        GF_AUTH_ANONYMOUS_ENABLED: 'false',
        GF_ANALYTICS_REPORTING_ENABLED: 'false',
        GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
        GF_LOG_MODE: 'console',
        GF_PATHS_DATA: '/var/lib/grafana',
        // [plugins] preinstall_auto_update (default true): Grafana 13 would replace its bundled datasource
        // plugins at start, and fails on the read-only root once the old one is unloaded (grafana#132528).
        GF_PLUGINS_PREINSTALL_AUTO_UPDATE: 'false',
        ...(p.rootUrl ? { GF_SERVER_ROOT_URL: p.rootUrl } : {}),
      },
      secretEnv: [
        { env: 'GF_SECURITY_ADMIN_PASSWORD', ref: { secret: GRAFANA_ADMIN_SECRET, key: 'password', description: 'Grafana admin password (user admin)', generated: true } },
        ...this.secretEnv,
      ],
      ports: [{ name: 'http', port: PORT, userFacing: true, ui: true }],
      health: { port: 'http', path: '/api/health', command: httpCheckCommand(IMAGE_FACTS.grafana, PORT, '/api/health') },
      resources: mergeResources(DEFAULTS.resources, this.props.resources),
      user: 472,
      group: 0,
      configs: [
        {
          name: 'grafana-datasources',
          mountPath: '/etc/grafana/provisioning/datasources',
          files: { 'datasources.yaml': renderDatasources(datasources) },
        },
        {
          name: 'grafana-dashboard-provider',
          mountPath: '/etc/grafana/provisioning/dashboards',
          files: { 'dashboards.yaml': renderProvider() },
        },
        ...this.dashboardBundles(),
      ],
      data: { mountPath: '/var/lib/grafana', size: p.storage },
      scratch: ['/tmp'],
      scrape: [{ job: 'grafana', port: 'http' }],
      links: datasources.map((d) => ({ service: d.service.name, port: d.service.port })),
      startsAfter: datasources.map((d) => d.service.name).filter((n, i, all) => all.indexOf(n) === i),
      ...(setup ? { setup } : {}),
    };
  }

  /** One bundle per dashboard: a ConfigMap each (the sidecar convention), all under one provider path. */
  private dashboardBundles(): ConfigBundle[] {
    return this.provisionedDashboards
      .map((d) => ({
        name: dashboardConfigMapName(d.uid),
        mountPath: `${DASHBOARDS_DIR}/${d.uid}`,
        files: { [dashboardFileName(d.uid)]: d.json },
        labels: { grafana_dashboard: '1' },
      }));
  }
}

/** Grafana's datasource provisioning file. */
export function renderDatasources(datasources: readonly IDatasource[]): string {
  return toYaml(
    {
      apiVersion: 1,
      // Removing a datasource from the stack removes it from Grafana too.
      prune: true,
      datasources: datasources.map((d) => ({
        name: d.name,
        type: d.type,
        uid: d.uid,
        access: 'proxy',
        url: d.url,
        isDefault: d.isDefault ?? false,
        editable: false,
        ...(d.basicAuthUser ? { basicAuth: true, basicAuthUser: d.basicAuthUser } : {}),
        ...(d.jsonData ? { jsonData: d.jsonData } : {}),
        ...(d.secureJsonData ? { secureJsonData: d.secureJsonData } : {}),
      })),
    },
  );
}

function renderProvider(): string {
  return toYaml(
    {
      apiVersion: 1,
      providers: [
        {
          name: 'monstack',
          folder: 'Dynamic Graph Fed-RL',
          type: 'file',
          disableDeletion: true,
          allowUiUpdates: false,
          updateIntervalSeconds: 60,
          options: { path: DASHBOARDS_DIR },
        },
      ],
    },
  );
}
