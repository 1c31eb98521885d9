/**
 * What differs between targets, asked for by components that must know it (how Prometheus discovers
 * what it scrapes, where logs are, how copies of a clustered service find each other). A component
 * receives a Platform and never asks which one it is.
 */
import { ApiAccess, HostMount, ScrapeEndpoint } from './service';

/** A scrape endpoint of a service of the stack. */
export interface StackScrapeTarget {
  readonly service: string;
  readonly endpoint: ScrapeEndpoint;
  /** Numeric port behind the endpoint's port name. */
  readonly port: number;
}

/** The application the stack watches: pods annotated for scraping, or the addresses a compose host gives. */
export interface ApplicationTarget {
  readonly job: string;
  readonly metricsPath: string;
  /** host:port targets where no service discovery exists (compose). */
  readonly staticTargets: readonly string[];
}

/**
 * How a log shipper finds the containers whose lines it reads: the Kubernetes API's pods, keeping those of
 * the node it runs on; or the container engine's API, through its socket.
 */
export type ContainerDiscovery =
  | { readonly kind: 'kubernetes-pods' }
  | { readonly kind: 'docker-engine'; readonly socket: string };

/**
 * Where the lines are: files a directory on the host holds, one per pod and container, in the runtime's
 * line format (`cri`); or streamed by the engine's API, already unwrapped.
 */
export type ContainerLogLines =
  | { readonly kind: 'files'; readonly hostDir: string; readonly format: 'cri' }
  | { readonly kind: 'engine-stream' };

/** What a log shipper needs to know of this platform: facts, not one shipper's configuration. */
export interface LogSources {
  readonly discovery: ContainerDiscovery;
  readonly lines: ContainerLogLines;
  /** Host paths the shipper mounts to reach them (the log directory, the engine's socket). */
  readonly hostMounts: readonly HostMount[];
  /**
   * Where the shipper keeps its read positions when the platform runs one copy per host (a host directory,
   * as a DaemonSet has no volume of its own); absent where a data volume serves.
   */
  readonly positions?: HostMount;
  /** Values the shipper needs from the platform (the node name it filters its targets by). */
  readonly fieldEnv: Readonly<Record<string, string>>;
  readonly apiAccess: readonly ApiAccess[];
  /** Why the shipper needs host access here, for the exceptions table. */
  readonly reason: string;
}

/**
 * A service of the application the stack reads (its Redis, its Postgres), as the environment gives it for
 * each target: a cluster DNS name in Kubernetes, often a port published on the host in compose.
 */
export interface ApplicationAddress {
  /** host:port inside the Kubernetes cluster. */
  readonly cluster: string;
  /** host:port from the compose network, e.g. host.docker.internal:6379. */
  readonly compose: string;
}

/** The container engine whose containers a per-host collector (cAdvisor) inspects. */
export interface ContainerRuntime {
  readonly name: 'docker' | 'containerd';
  /** Where the engine keeps containers' layers and state on the host, read for filesystem usage. */
  readonly stateDir: string;
}

export interface Platform {
  /**
   * The service-discovery part of a Prometheus `scrape_configs` or `alertmanagers` entry that finds every
   * copy of a service of the stack on a named port (all pods behind it, not one load-balanced address).
   */
  endpointsDiscovery(service: string, portName: string, port: number): object;
  /** The Prometheus job for the application the stack watches. */
  applicationScrapeConfig(app: ApplicationTarget): object;
  /** Kubernetes API permissions Prometheus needs for its discovery here (none in compose). */
  readonly discoveryAccess: readonly ApiAccess[];
  /** host:port of every copy of a clustered service, for peers to join; empty when it runs one copy. */
  peerAddresses(service: string, replicas: number, port: number): string[];
  /** How many copies of a service the platform runs (compose runs one of each). */
  copies(replicas: number): number;
  /** Where container logs are and how to label them. */
  logSources(): LogSources;
  /** The engine that runs containers on each host. */
  containerRuntime(): ContainerRuntime;
  /** host:port of an application service on this platform. */
  applicationAddress(address: ApplicationAddress): string;
}

/** host:port of a service. Short names resolve in both targets (same namespace / same compose network). */
export function serviceAddress(service: string, port: number): string {
  return `${service}:${port}`;
}
