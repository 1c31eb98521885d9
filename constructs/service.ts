/**
 * The neutral description of one service of the stack. A component states what it is here; the
 * Kubernetes and compose renderers decide how that becomes objects. Nothing in this file knows about
 * either target.
 */
import { MetricFamily } from './metrics';

/** How the service runs: interchangeable copies, copies with their own data, one per host, or a task on a schedule. */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'CronJob';

/** When a scheduled task runs: a cron line for Kubernetes, a period for compose's loop. */
export interface Schedule {
  /** Cron expression, in UTC (a CronJob's `schedule`). */
  readonly cron: string;
  /** Seconds between runs where no scheduler exists (compose repeats the command in a loop). */
  readonly everySeconds: number;
}

export interface ServicePort {
  /** IANA-style name (≤ 15 chars, lower case): probes, scrape targets and policies refer to it. */
  readonly name: string;
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP';
  /**
   * A port people open in a browser or that clients outside the stack send to. Compose publishes it on
   * the environment's bind address; Kubernetes NetworkPolicies admit traffic to it from anywhere.
   * @default false
   */
  readonly userFacing?: boolean;
  /** Only between copies of this service (cluster gossip); never published. @default false */
  readonly peerOnly?: boolean;
  /**
   * Only the kubelet's probes use it (Elasticsearch's readiness port): declared on the container, in no
   * Service, policy or compose file. @default false
   */
  readonly probeOnly?: boolean;
}

/** An HTTP check (a path) or a TCP check (no path) on a named port. */
export interface Check {
  /** Port name. @default the health check's `port` */
  readonly port?: string;
  /** HTTP path; absent for a plain TCP check. */
  readonly path?: string;
}

/**
 * How to tell that the service can serve (readiness), that its process is alive (liveness) and how long
 * it may take to start. Readiness gates traffic and `startsAfter`; liveness restarts the container, so it
 * must not fail for what a restart does not cure (a dependency down, a long WAL replay).
 */
export interface HealthCheck {
  /** Port name of the readiness check. */
  readonly port: string;
  /** HTTP path of the readiness check; absent for a plain TCP check. */
  readonly path?: string;
  /**
   * The readiness check as a command run inside the container, for runtimes that cannot probe from outside
   * (compose). Build it with `httpCheckCommand` from the image's facts; absent when the image has no tool
   * to run it: the HTTP/TCP check is then the only one.
   */
  readonly command?: readonly string[];
  /**
   * A command the kubelet runs inside the container for readiness, instead of the HTTP/TCP check of
   * `port` (a port that listens on the loopback address only, say). Build it from the image's facts.
   * @default the HTTP/TCP check
   */
  readonly readinessCommand?: readonly string[];
  /** Seconds before the first check. @default 10 */
  readonly initialDelaySeconds?: number;
  /** Seconds between checks. @default 15 */
  readonly periodSeconds?: number;
  /** Failures before the container is declared unhealthy. @default 6 */
  readonly failureThreshold?: number;
  /**
   * What says the process is alive: a check of its own (Prometheus' `/-/healthy`; `{}` for a TCP check of
   * the port), or 'none' where the program's own chart ships no liveness probe.
   * @default the readiness check
   */
  readonly liveness?: Check | 'none';
  /**
   * A start-up budget: liveness and readiness wait until this check passes once, for up to
   * `periodSeconds × failureThreshold` seconds (a WAL replay, a JVM joining its cluster).
   * @default none
   */
  readonly startup?: Check & { readonly periodSeconds: number; readonly failureThreshold: number };
}

export interface Resources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** Files a service reads its configuration from, mounted read-only as one directory. */
export interface ConfigBundle {
  /** Unique in the stack; the ConfigMap's name and the compose folder's. */
  readonly name: string;
  readonly mountPath: string;
  /** File name → contents. The same bytes land in a ConfigMap and in a compose bind-mounted file. */
  readonly files: Readonly<Record<string, string>>;
  /** Extra labels on the ConfigMap (the Grafana dashboard sidecar convention, say). */
  readonly labels?: Readonly<Record<string, string>>;
}

/** A credential the user provides; never a value, only where it lives. */
export interface SecretRef {
  /** Kubernetes Secret name, and the stem of the compose variable/file names. */
  readonly secret: string;
  readonly key: string;
  /** What it is, for `monstack list` and the README. */
  readonly description: string;
  /** `monstack secrets` generates a random value for it; false for credentials issued elsewhere (a PagerDuty key). */
  readonly generated: boolean;
}

/** A credential handed to the process as an environment variable. */
export interface SecretEnv {
  readonly env: string;
  readonly ref: SecretRef;
}

/** Credentials mounted as files in one directory, one file per key. */
export interface SecretFiles {
  readonly mountPath: string;
  readonly refs: readonly SecretRef[];
}

/** Data the service keeps across restarts. */
export interface DataVolume {
  readonly mountPath: string;
  /** Kubernetes quantity, e.g. `50Gi`. */
  readonly size: string;
}

/** A path of the host the service reads (or, rarely, writes). Always an exception, with its reason. */
export interface HostMount {
  readonly name: string;
  readonly hostPath: string;
  readonly mountPath: string;
  /** @default true */
  readonly readOnly?: boolean;
}

/**
 * What a service needs beyond the restricted baseline (non-root, read-only root filesystem, no
 * capabilities, no privilege escalation, RuntimeDefault seccomp). Each entry carries the reason, which
 * the README's exceptions table prints.
 */
export interface Privileges {
  readonly runAsRoot?: string;
  readonly writableRootFilesystem?: string;
  readonly hostPID?: string;
  readonly hostNetwork?: string;
  readonly privileged?: string;
  readonly hostMounts?: string;
  /** Kernel settings that must be raised on the host (Elasticsearch's vm.max_map_count). */
  readonly hostSysctls?: { readonly reason: string; readonly values: Readonly<Record<string, string>> };
}

/** An endpoint Prometheus scrapes. */
export interface ScrapeEndpoint {
  /** Prometheus job name. */
  readonly job: string;
  readonly port: string;
  /** @default '/metrics' */
  readonly path?: string;
  /** @default the global interval */
  readonly interval?: string;
  /**
   * Labels set on every series of this endpoint. `optional: 'true'` marks a target that may be absent
   * by design (the GPU exporter on a host without GPUs), so that target-down alerts can leave it out.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Rewrites of the scraped series' labels before they are stored (Prometheus `metric_relabel_configs`),
   * for exporters whose labels do not say what the stack's queries group by (cAdvisor's container labels).
   * @default none
   */
  readonly metricRelabelings?: readonly MetricRelabeling[];
}

/** One Prometheus metric relabelling rule, in its own field names. */
export interface MetricRelabeling {
  readonly source_labels?: readonly string[];
  readonly regex?: string;
  readonly target_label?: string;
  readonly replacement?: string;
  readonly action?: 'replace' | 'labeldrop' | 'drop' | 'keep';
}

/** A service this one opens connections to (NetworkPolicy egress, compose network). */
export interface Link {
  readonly service: string;
  readonly port: number;
}

/** Permissions a service needs on the Kubernetes API (service discovery). Ignored by compose. */
export interface ApiAccess {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  /** Paths such as /metrics for non-resource URLs. */
  readonly nonResourceURLs?: readonly string[];
}

export interface ServiceSpec {
  /** DNS name in both targets and the name of every object rendered for it. */
  readonly name: string;
  /** One line, for `monstack list` and the README. */
  readonly description: string;
  /** Pinned image, never `latest`. */
  readonly image: string;
  readonly workload: WorkloadKind;
  readonly replicas: number;
  /** When a CronJob runs; required for that workload, absent for the others. */
  readonly schedule?: Schedule;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly secretEnv?: readonly SecretEnv[];
  /**
   * Values only Kubernetes knows about the pod (env name → downward-API field path, e.g. `spec.nodeName`).
   * Compose has no such fields and leaves them out.
   */
  readonly fieldEnv?: Readonly<Record<string, string>>;
  readonly secretFiles?: readonly SecretFiles[];
  readonly ports: readonly ServicePort[];
  readonly health?: HealthCheck;
  readonly resources: Resources;
  /** UID/GID the process runs as (the image's own non-root user). */
  readonly user?: number;
  readonly group?: number;
  readonly configs?: readonly ConfigBundle[];
  readonly data?: DataVolume;
  /** Writable scratch directories (emptyDir / tmpfs) under a read-only root filesystem. */
  readonly scratch?: readonly string[];
  readonly hostMounts?: readonly HostMount[];
  readonly privileges?: Privileges;
  readonly scrape?: readonly ScrapeEndpoint[];
  readonly metrics?: readonly MetricFamily[];
  readonly apiAccess?: readonly ApiAccess[];
  /** Services this one connects to. */
  readonly links?: readonly Link[];
  /**
   * Ports this service opens to destinations outside the stack (the application's Redis, PagerDuty),
   * or 'any' for a service that must reach anything (Prometheus scraping the application's pods).
   */
  readonly externalEgress?: 'any' | readonly number[];
  /** Services that must be healthy before this one starts (compose `depends_on`). */
  readonly startsAfter?: readonly string[];
  /** Runs only where a GPU is (Kubernetes node selector; compose `gpu` profile). */
  readonly needsGpu?: boolean;
  /** Seconds to finish in-flight work on stop. @default 30 */
  readonly stopGracePeriodSeconds?: number;
  /** Copies find each other by name (a headless Service in Kubernetes). @default false */
  readonly peerDiscovery?: boolean;
  /**
   * A one-shot step that must succeed before the service starts, run from the service's own image: an init
   * container in Kubernetes, a run-once `<name>-setup` service in compose that the service waits for.
   */
  readonly setup?: SetupStep;
}

export interface SetupStep {
  /** What the step does, for the README. */
  readonly description: string;
  readonly command: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly secretEnv?: readonly SecretEnv[];
  readonly resources: Resources;
}

/** A finished description: every optional list present, so renderers do not guard each field. */
export type ResolvedServiceSpec = Required<Omit<ServiceSpec, 'command' | 'health' | 'data' | 'user' | 'group' | 'privileges' | 'setup' | 'schedule'>> &
  Pick<ServiceSpec, 'command' | 'health' | 'data' | 'user' | 'group' | 'setup' | 'schedule'> & { readonly privileges: Privileges };

export function resolveSpec(spec: ServiceSpec): ResolvedServiceSpec {
  if ((spec.workload === 'CronJob') !== (spec.schedule !== undefined)) {
    throw new Error(`${spec.name}: a schedule is given with the CronJob workload, and only with it`);
  }
  return {
    args: [],
    env: {},
    secretEnv: [],
    fieldEnv: {},
    secretFiles: [],
    configs: [],
    scratch: [],
    hostMounts: [],
    privileges: {},
    scrape: [],
    metrics: [],
    apiAccess: [],
    links: [],
    externalEgress: [],
    startsAfter: [],
    needsGpu: false,
    stopGracePeriodSeconds: 30,
    peerDiscovery: false,
    ...definedOnly(spec),
  } as ResolvedServiceSpec;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
