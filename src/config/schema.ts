/**
 * The environment file's schema and its TypeScript type, held together by ajv's JSONSchemaType: a
 * field added to one and not the other does not compile.
 */
import { DNS_LABEL } from './kubernetes-names';
import { JSONSchemaType } from 'ajv';
import { AccessSettings, accessSettingsSchema, IngressSettings, ingressSettingsSchema } from './access-settings';
import { OperatorSettings, operatorSettingsSchema } from './operator-settings';
import { KubernetesSettings, kubernetesSettingsSchema, PublicUrls, publicUrlsSchema } from './cluster-settings';

import { COMPONENT_NAMES, ComponentName } from '../../constructs/component-table';
import { componentsSchema } from './component-schema';

export { COMPONENT_NAMES, ComponentName };

export interface ResourceAmounts {
  cpu?: string;
  memory?: string;
}

export interface ComponentSettings {
  /** Turn the component off in this environment. */
  enabled?: boolean;
  replicas?: number;
  /** Full image reference with a pinned tag. */
  image?: string;
  /** Size of the persistent volume (Kubernetes quantity). */
  storage?: string;
  /** How long data is kept (Prometheus/Loki duration). */
  retention?: string;
  resources?: { requests?: ResourceAmounts; limits?: ResourceAmounts };
}

export type ComponentsSettings = { [name in ComponentName]?: ComponentSettings };

/** What an environment changes about one alert (by alert name), without forking its definition. */
export interface AlertRuleSettings {
  /** false: the alert is not evaluated in this environment. */
  enabled?: boolean;
  /** Pending period, e.g. `10m`. */
  for?: string;
  severity?: 'critical' | 'warning' | 'info';
  /** New values for the alert's named thresholds (see its runbook for the names). */
  thresholds?: { [name: string]: number };
}

export interface AlertingSettings {
  /** Alert name → changes. Names and threshold names are checked against the alerts when the stack is built. */
  rules?: { [alertName: string]: AlertRuleSettings };
  routing?: {
    /** false: receivers exist without integrations, nobody is notified and no credential is read. */
    notify?: boolean;
    /** Slack channel of each team receiver. */
    channels?: { default?: string; 'ml-team'?: string; devops?: string; 'database-team'?: string };
    groupWait?: string;
    groupInterval?: string;
    repeatInterval?: string;
    /**
     * A dead man's switch: the Watchdog posted to a heartbeat URL (a credential file of the receivers
     * Secret) every `interval` (default 5m). Absent: the Watchdog's receiver has no integration.
     */
    heartbeat?: { interval?: string };
  };
}

export interface EnvironmentFile {
  /** A built-in environment name or a path (relative to this file) this one builds on. */
  extends?: string;
  description?: string;
  namespace?: string;
  /** Where the runbooks are published; each alert's runbook_url points below it. */
  runbookBaseUrl?: string;
  compose?: { bindAddress?: string };
  application?: {
    job?: string;
    metricsPath?: string;
    /** host:port of the application's metrics endpoints, for compose (Kubernetes discovers pods). */
    composeTargets?: string[];
    /** `address` in Kubernetes; `composeAddress` (default: `address`) from the compose network. */
    redis?: { address?: string; composeAddress?: string };
    /** The Postgres role postgres-exporter logs in as (a pg_monitor member); its password is a Secret. */
    postgres?: { address?: string; composeAddress?: string; database?: string; sslmode?: string; exporterUser?: string };
  };
  components?: ComponentsSettings;
  /** Where Jaeger keeps spans: in memory (lost on restart) or in Elasticsearch, when it runs. */
  tracing?: { storage?: 'memory' | 'elasticsearch' };
  /** JavaScript modules (paths relative to this file) exporting `extend(stack)`, run after the stack is built. */
  extensions?: string[];
  alerting?: AlertingSettings;
  /** What differs between clusters: storage classes, the DNS service, the GPU runtime (cluster-settings.ts). */
  kubernetes?: KubernetesSettings;
  /** Where users open the UIs (cluster-settings.ts). */
  publicUrls?: PublicUrls;
  /** Whether Prometheus and Alertmanager ask for a password (access-settings.ts). */
  access?: AccessSettings;
  /** The Kubernetes Ingress in front of the UIs (access-settings.ts). */
  ingress?: IngressSettings;
  /** How the operator target meets a cluster's Prometheus Operator (operator-settings.ts). */
  operator?: OperatorSettings;
}

const CHANNEL = { type: 'string', pattern: '^[#@]?[a-z0-9][a-z0-9._-]*$', nullable: true } as const;

const alertRuleSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean', nullable: true },
    for: { type: 'string', format: 'for-duration', nullable: true },
    severity: { type: 'string', enum: ['critical', 'warning', 'info'], nullable: true },
    thresholds: { type: 'object', required: [], propertyNames: { pattern: '^[a-z][A-Za-z0-9]*$' }, additionalProperties: { type: 'number' }, nullable: true },
  },
};

// Maps keyed by alert name: ajv's JSONSchemaType cannot follow index signatures of objects, hence the cast.
const alertingSchema = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  properties: {
    rules: {
      type: 'object',
      nullable: true,
      required: [],
      propertyNames: { pattern: '^[A-Z][A-Za-z0-9]*$' },
      additionalProperties: alertRuleSettingsSchema,
    },
    routing: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      properties: {
        notify: { type: 'boolean', nullable: true },
        channels: {
          type: 'object',
          nullable: true,
          additionalProperties: false,
          properties: { default: CHANNEL, 'ml-team': CHANNEL, devops: CHANNEL, 'database-team': CHANNEL },
        },
        groupWait: { type: 'string', format: 'group-wait', nullable: true },
        groupInterval: { type: 'string', format: 'group-interval', nullable: true },
        repeatInterval: { type: 'string', format: 'repeat-interval', nullable: true },
        heartbeat: {
          type: 'object',
          nullable: true,
          additionalProperties: false,
          properties: { interval: { type: 'string', format: 'heartbeat-interval', nullable: true } },
        },
      },
    },
  },
} as never;

export const environmentFileSchema: JSONSchemaType<EnvironmentFile> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    extends: { type: 'string', nullable: true },
    description: { type: 'string', nullable: true },
    namespace: { type: 'string', pattern: DNS_LABEL, format: 'namespace', nullable: true },
    runbookBaseUrl: { type: 'string', pattern: '^https?://[^\\s]+[^/]$', format: 'http-url', nullable: true },
    compose: {
      type: 'object',
      additionalProperties: false,
      nullable: true,
      properties: { bindAddress: { type: 'string', format: 'ip-address', nullable: true } },
    },
    application: {
      type: 'object',
      additionalProperties: false,
      nullable: true,
      properties: {
        job: { type: 'string', format: 'application-job', nullable: true },
        metricsPath: { type: 'string', pattern: '^/', nullable: true },
        composeTargets: { type: 'array', items: { type: 'string', format: 'host-port' }, nullable: true },
        redis: {
          type: 'object',
          additionalProperties: false,
          nullable: true,
          properties: {
            address: { type: 'string', format: 'host-port', nullable: true },
            composeAddress: { type: 'string', format: 'host-port', nullable: true },
          },
        },
        postgres: {
          type: 'object',
          additionalProperties: false,
          nullable: true,
          properties: {
            address: { type: 'string', format: 'host-port', nullable: true },
            composeAddress: { type: 'string', format: 'host-port', nullable: true },
            database: { type: 'string', nullable: true },
            sslmode: { type: 'string', enum: ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'], nullable: true },
            exporterUser: { type: 'string', pattern: '^[a-z_][a-z0-9_]{0,62}$', nullable: true },
          },
        },
      },
    },
    components: componentsSchema as never,
    tracing: {
      type: 'object',
      additionalProperties: false,
      nullable: true,
      properties: { storage: { type: 'string', enum: ['memory', 'elasticsearch'], nullable: true } },
    },
    extensions: { type: 'array', items: { type: 'string' }, nullable: true },
    alerting: alertingSchema,
    kubernetes: kubernetesSettingsSchema,
    publicUrls: publicUrlsSchema,
    access: accessSettingsSchema,
    ingress: ingressSettingsSchema,
    operator: operatorSettingsSchema,
  },
};
