/**
 * Environment keys for what differs between clusters (storage classes, the DNS service, the GPU
 * runtime) and for the addresses users open: their types, their schemas and their defaults, kept apart
 * from the component settings so that each can change on its own.
 */
import { labelMapSchema } from './kubernetes-names';

/** Components that keep data on a PersistentVolumeClaim in Kubernetes. */
export const CLAIM_COMPONENTS = ['prometheus', 'alertmanager', 'grafana', 'loki', 'elasticsearch'] as const;
export type ClaimComponent = (typeof CLAIM_COMPONENTS)[number];

export interface KubernetesSettings {
  /** StorageClass of every PersistentVolumeClaim. Absent: the cluster's default class. */
  storageClass?: string;
  /** StorageClass per component, over `storageClass`. */
  storageClasses?: { [name in ClaimComponent]?: string };
  dns?: {
    /** Labels of the cluster's DNS pods (in any namespace) that DNS lookups may reach. @default { k8s-app: kube-dns } */
    podLabels?: { [label: string]: string };
    /** NodeLocal DNSCache's address, where the cluster runs it (usually 169.254.20.10): admitted as well. */
    nodeLocalAddress?: string;
  };
  gpuExporter?: {
    /** RuntimeClass of the GPU exporter's pods, where NVIDIA's runtime is not the nodes' default (`nvidia`). */
    runtimeClassName?: string;
    /**
     * `nvidia.com/gpu` the exporter requests, where GPUs are visible only to containers that request them
     * (GKE's device plugin). Each one is taken from training on that node. @default 0
     */
    gpus?: number;
  };
}

export interface PublicUrls {
  /** Where users open Kibana, without a trailing slash (its `server.publicBaseUrl`). @default http://localhost:5601 */
  kibana?: string;
}

/** The settings with their defaults. */
export interface ResolvedClusterSettings {
  readonly storageClass: string | undefined;
  readonly storageClasses: { readonly [name in ClaimComponent]?: string };
  readonly dns: { readonly podLabels: Readonly<Record<string, string>>; readonly nodeLocalAddress: string | undefined };
  readonly gpuExporter: { readonly runtimeClassName: string | undefined; readonly gpus: number };
}

/** `kubernetes:` left empty in YAML (null) means what leaving it out means: the defaults. */
export function resolveClusterSettings(given?: KubernetesSettings | null): ResolvedClusterSettings {
  const settings = given ?? {};
  return {
    storageClass: settings.storageClass,
    storageClasses: settings.storageClasses ?? {},
    dns: { podLabels: settings.dns?.podLabels ?? { 'k8s-app': 'kube-dns' }, nodeLocalAddress: settings.dns?.nodeLocalAddress },
    gpuExporter: { runtimeClassName: settings.gpuExporter?.runtimeClassName, gpus: settings.gpuExporter?.gpus ?? 0 },
  };
}

export const DEFAULT_KIBANA_URL = 'http://localhost:5601';

// A DNS subdomain (StorageClass, RuntimeClass names) and an IPv4 address.
const SUBDOMAIN = '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$';
const IPV4 = '^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])$';

const storageClass = { type: 'string', pattern: SUBDOMAIN, nullable: true } as const;

// Maps keyed by label: ajv's JSONSchemaType cannot follow them, hence the cast where it is used.
export const kubernetesSettingsSchema = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  properties: {
    storageClass,
    storageClasses: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      properties: Object.fromEntries(CLAIM_COMPONENTS.map((name) => [name, storageClass])),
    },
    dns: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      properties: {
        podLabels: labelMapSchema,
        nodeLocalAddress: { type: 'string', pattern: IPV4, nullable: true },
      },
    },
    gpuExporter: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      properties: {
        runtimeClassName: { type: 'string', pattern: SUBDOMAIN, nullable: true },
        gpus: { type: 'integer', minimum: 0, maximum: 16, nullable: true },
      },
    },
  },
} as never;

export const publicUrlsSchema = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  properties: {
    // Kibana refuses a trailing slash, and a path is allowed (a reverse proxy's prefix).
    kibana: { type: 'string', pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*[^\\s/?#])?$', format: 'http-url', nullable: true },
  },
} as never;

/**
 * Key paths of cluster settings that would change nothing: a storage class or GPU settings for a
 * component the environment turns off. Refused, as every accepted setting must change the output.
 */
export function idleClusterSettings(settings: KubernetesSettings | undefined, isEnabled: (component: string) => boolean): string[][] {
  const idle: string[][] = [];
  for (const name of Object.keys(settings?.storageClasses ?? {})) {
    if (!isEnabled(name)) idle.push(['kubernetes', 'storageClasses', name]);
  }
  if (settings?.gpuExporter && !isEnabled('gpu-exporter')) idle.push(['kubernetes', 'gpuExporter']);
  return idle;
}
