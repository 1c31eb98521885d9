/**
 * Environment keys for how people reach the UIs: whether Prometheus and Alertmanager ask for a password
 * (`access.authentication`), and the Kubernetes Ingress in front of the five UIs (`ingress`). Types,
 * schemas, defaults and the refusals of settings that would change nothing.
 */
import { DNS_LABEL } from './kubernetes-names';
import { ConfigError } from './errors';
import { Layer, sourceOf } from './layers';

export interface AccessSettings {
  /** Basic authentication on Prometheus' and Alertmanager's UIs and APIs. @default true */
  authentication?: boolean;
}

export interface IngressSettings {
  /** An Ingress for Grafana, Prometheus, Alertmanager, Jaeger and Kibana (Kubernetes only). @default false */
  enabled?: boolean;
  /** Hosts are `<service>.<domain>` (grafana.monitoring.example.org, …). Required when enabled. */
  domain?: string;
  /** The IngressClass. @default the cluster's default class */
  className?: string;
  /** Where the certificate comes from: a Secret you create, or a cert-manager issuer that makes it. */
  tls?: { secretName?: string; clusterIssuer?: string; issuer?: string };
  /** Namespace of the Ingress controller's pods, admitted to the UIs by the NetworkPolicies. @default ingress-nginx */
  controllerNamespace?: string;
}

export interface ResolvedIngress {
  readonly domain: string;
  readonly className: string | undefined;
  /** The TLS Secret of every host (made by cert-manager where an issuer is named). */
  readonly secretName: string;
  /** cert-manager's annotation, where an issuer is named. */
  readonly issuerAnnotation: Readonly<Record<string, string>>;
  readonly controllerNamespace: string;
}

export const DEFAULT_TLS_SECRET = 'monstack-ui-tls';
export const DEFAULT_CONTROLLER_NAMESPACE = 'ingress-nginx';

const SUBDOMAIN = '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$';
const NAME = { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$', nullable: true } as const;

export const accessSettingsSchema = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  properties: { authentication: { type: 'boolean', nullable: true } },
} as never;

export const ingressSettingsSchema = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean', nullable: true },
    // A host name below which each UI gets its own name; at most 253 characters with the longest UI prefix.
    domain: { type: 'string', pattern: SUBDOMAIN, maxLength: 240, nullable: true },
    className: NAME,
    tls: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      maxProperties: 2,
      properties: { secretName: NAME, clusterIssuer: NAME, issuer: NAME },
    },
    controllerNamespace: { type: 'string', pattern: DNS_LABEL, nullable: true },
  },
} as never;

/** `access:` left empty in YAML (null) means what leaving it out means: the defaults. */
export function resolveAccess(settings?: AccessSettings | null): { readonly authentication: boolean } {
  return { authentication: settings?.authentication ?? true };
}

/**
 * An Ingress in front of Prometheus or Alertmanager without their password would publish their APIs (which
 * silence alerts) to whoever reaches the controller: refused, naming both settings.
 */
export function refuseOpenBehindIngress(ingress: ResolvedIngress | undefined, authentication: boolean, exposed: readonly string[], layers: readonly Layer[]): void {
  if (!ingress || authentication || exposed.length === 0) return;
  const s = sourceOf(layers, ['access', 'authentication']) ?? sourceOf(layers, ['ingress', 'enabled']);
  throw new ConfigError(
    s?.file ?? layers[layers.length - 1].file,
    'access.authentication',
    `the Ingress (ingress.enabled: true) would publish ${exposed.join(' and ')} without a password: keep access.authentication on, or turn the Ingress off`,
    s?.line,
  );
}

/**
 * The Ingress settings with their defaults, or undefined when it is off. Refuses, naming the file and line,
 * what would change nothing (settings with the Ingress off), an Ingress without a domain and two issuers.
 */
export function resolveIngress(settings: IngressSettings | undefined, layers: readonly Layer[]): ResolvedIngress | undefined {
  const where = (keyPath: string[]) => {
    const s = sourceOf(layers, keyPath);
    return { file: s?.file ?? layers[layers.length - 1].file, line: s?.line };
  };
  const fail = (keyPath: string[], message: string): never => {
    const { file, line } = where(keyPath);
    throw new ConfigError(file, keyPath.join('.'), message, line);
  };
  if (!settings) return undefined;
  if (settings.enabled !== true) {
    // Refused where the file that turns the Ingress off (or one built on it) sets them; a key inherited
    // from a base that runs the Ingress is left alone, as a file cannot remove a key of its base.
    const lastSetting = (key: string) => layers.map((l) => (l.content as { ingress?: Record<string, unknown> }).ingress?.[key] !== undefined).lastIndexOf(true);
    const offAt = lastSetting('enabled');
    const idle = (['domain', 'className', 'tls', 'controllerNamespace'] as const).find((k) => settings[k] !== undefined && lastSetting(k) >= offAt);
    if (idle) fail(['ingress', idle], 'the Ingress is off in this environment (ingress.enabled is not true), so this setting would change nothing; remove it or set ingress.enabled: true');
    return undefined;
  }
  if (!settings.domain) return fail(['ingress', 'enabled'], 'an Ingress needs ingress.domain: each UI is served at <service>.<domain>');
  const tls = settings.tls ?? {};
  if (tls.clusterIssuer && tls.issuer) fail(['ingress', 'tls', 'issuer'], 'name one cert-manager issuer: tls.clusterIssuer or tls.issuer, not both');
  const issuerAnnotation: Record<string, string> = tls.clusterIssuer
    ? { 'cert-manager.io/cluster-issuer': tls.clusterIssuer }
    : tls.issuer
      ? { 'cert-manager.io/issuer': tls.issuer }
      : {};
  return {
    domain: settings.domain,
    className: settings.className,
    secretName: tls.secretName ?? DEFAULT_TLS_SECRET,
    issuerAnnotation,
    controllerNamespace: settings.controllerNamespace ?? DEFAULT_CONTROLLER_NAMESPACE,
  };
}
