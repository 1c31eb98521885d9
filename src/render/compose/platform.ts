/** How the stack finds things under docker-compose: fixed service names on one network, the Docker socket for logs. */
import { ApiAccess, ApplicationAddress, ApplicationTarget, ContainerRuntime, LogSources, Platform, serviceAddress } from '../../../constructs';

export class ComposePlatform implements Platform {
  readonly discoveryAccess: readonly ApiAccess[] = [];

  endpointsDiscovery(service: string, _portName: string, port: number): object {
    return { static_configs: [{ targets: [serviceAddress(service, port)] }] };
  }

  applicationScrapeConfig(app: ApplicationTarget): object {
    return { job_name: app.job, metrics_path: app.metricsPath, static_configs: [{ targets: [...app.staticTargets] }] };
  }

  /** Compose runs one copy of each service: there are no peers to join. */
  peerAddresses(): string[] {
    return [];
  }

  copies(): number {
    return 1;
  }

  containerRuntime(): ContainerRuntime {
    return { name: 'docker', stateDir: '/var/lib/docker' };
  }

  applicationAddress(address: ApplicationAddress): string {
    return address.compose;
  }

  logSources(): LogSources {
    return {
      reason: 'asks the Docker engine, through its socket (read-only), which containers run and streams their logs; the socket belongs to root',
      // The engine streams the logs over its API: the containers' log files are not read.
      hostMounts: [{ name: 'docker-socket', hostPath: '/var/run/docker.sock', mountPath: '/var/run/docker.sock' }],
      fieldEnv: {},
      apiAccess: [],
      discovery: { kind: 'docker-engine', socket: '/var/run/docker.sock' },
      // Lines arrive from the engine's API already unwrapped.
      lines: { kind: 'engine-stream' },
    };
  }
}

/**
 * The one compose platform: it holds no state, and a stack remembers its descriptions within a pass by
 * platform, so the check and every compose file of a pass share one description.
 */
export const COMPOSE_PLATFORM = new ComposePlatform();
