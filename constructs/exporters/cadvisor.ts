import { Construct } from 'constructs';
import { Component, ComponentProps, mergeResources, resources } from '../component';
import { httpCheckCommand } from '../image-facts';
import { IMAGE_FACTS, IMAGES } from '../images';
import { Platform } from '../platform';
import { MetricRelabeling, ServiceSpec } from '../service';
import { ComponentSettingsDeclaration, KEEPS_NO_DATA, ONE_PER_HOST } from '../settings';

/** What an environment may set on cadvisor (see settings.ts). */
export const CADVISOR_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.cadvisor,
  resources: resources('100m', '128Mi', '500m', '512Mi'),
  scrapeJobs: ['cadvisor'],
  needs: [{ component: 'prometheus', why: 'it collects for Prometheus only' }],
  without: { replicas: ONE_PER_HOST, storage: KEEPS_NO_DATA, retention: KEEPS_NO_DATA },
};

export interface CadvisorProps extends ComponentProps {
  /** How often each container's statistics are refreshed. @default '15s' (half the scrape interval) */
  readonly housekeepingInterval?: string;
}

/**
 * Metric groups left out. Per-CPU, per-process, scheduler, TCP/UDP socket and NUMA series multiply a
 * host's series count many times over and no dashboard of the stack reads them; referenced_memory
 * walks every page table; oom_event needs /dev/kmsg, which this container is not given.
 */
const DISABLED_METRICS = [
  'advtcp',
  'cpu_topology',
  'cpuset',
  'hugetlb',
  'memory_numa',
  'oom_event',
  'percpu',
  'perf_event',
  'process',
  'referenced_memory',
  'resctrl',
  'sched',
  'tcp',
  'udp',
];

/**
 * Container labels kept as metric labels: enough to name a container's pod, namespace or compose
 * service. Every other label and environment variable is dropped (they can carry secrets and explode
 * cardinality).
 */
const KEPT_CONTAINER_LABELS = [
  'io.kubernetes.container.name',
  'io.kubernetes.pod.name',
  'io.kubernetes.pod.namespace',
  'com.docker.compose.project',
  'com.docker.compose.service',
];

/**
 * Standalone cAdvisor names a container by `id` (its cgroup), `name` (the runtime's name: a container id
 * under containerd) and `container_label_<label>`; it has no `container`, `pod` or `namespace` label
 * (lib/metrics/prometheus.go). These rules give its series the labels the kubelet's own cAdvisor
 * endpoint carries, from the Kubernetes labels on containerd's containers or the compose labels on
 * Docker's, so that alerts and dashboards group by container in both targets. A series without the
 * source label keeps what it has; the source labels are dropped once copied.
 */
export const CADVISOR_RELABELINGS: readonly MetricRelabeling[] = [
  ...(
    [
      ['container_label_io_kubernetes_container_name', 'container'],
      ['container_label_io_kubernetes_pod_name', 'pod'],
      ['container_label_io_kubernetes_pod_namespace', 'namespace'],
      // Compose: the service is the container's name in the stack, the project plays the namespace.
      ['container_label_com_docker_compose_service', 'container'],
      ['container_label_com_docker_compose_project', 'namespace'],
    ] as const
  ).map(([source, target]) => ({ source_labels: [source], regex: '(.+)', target_label: target, replacement: '$1' })),
  { action: 'labeldrop', regex: 'container_label_(io_kubernetes_container_name|io_kubernetes_pod_name|io_kubernetes_pod_namespace|com_docker_compose_service|com_docker_compose_project)' },
];

const DEFAULTS = Object.freeze({
  image: CADVISOR_SETTINGS.image,
  resources: CADVISOR_SETTINGS.resources,
  housekeepingInterval: '15s',
});

const PORT = 8080;

/** Per-container CPU, memory, network and filesystem usage on every host: one copy per host. */
export class Cadvisor extends Component {
  readonly serviceName = 'cadvisor';
  readonly port = PORT;
  private readonly props: CadvisorProps;

  constructor(scope: Construct, id: string, props: CadvisorProps = {}) {
    super(scope, id);
    this.props = props;
  }

  describe(platform: Platform): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    const runtime = platform.containerRuntime();
    return {
      name: this.serviceName,
      description: 'Container metrics: CPU, memory, network and filesystem per container',
      image: p.image,
      workload: 'DaemonSet',
      replicas: 1,
      args: [
        `--port=${PORT}`,
        `--housekeeping_interval=${p.housekeepingInterval}`,
        '--max_housekeeping_interval=35s',
        // Containers only: the host's own cgroups are node-exporter's business.
        '--docker_only=true',
        `--disable_metrics=${DISABLED_METRICS.join(',')}`,
        '--store_container_labels=false',
        `--whitelisted_container_labels=${KEPT_CONTAINER_LABELS.join(',')}`,
        // No in-memory event history: nothing reads cAdvisor's events API.
        '--event_storage_event_limit=default=0',
        '--event_storage_age_limit=default=0',
      ],
      ports: [{ name: 'http', port: PORT }],
      health: { port: 'http', path: '/healthz', command: httpCheckCommand(IMAGE_FACTS.cadvisor, PORT, '/healthz') },
      resources: mergeResources(DEFAULTS.resources, this.props.resources),
      scratch: ['/tmp'],
      hostMounts: [
        { name: 'rootfs', hostPath: '/', mountPath: '/rootfs' },
        { name: 'var-run', hostPath: '/var/run', mountPath: '/var/run' },
        { name: 'sys', hostPath: '/sys', mountPath: '/sys' },
        { name: 'runtime-state', hostPath: runtime.stateDir, mountPath: runtime.stateDir },
        { name: 'disk', hostPath: '/dev/disk', mountPath: '/dev/disk' },
      ],
      privileges: {
        runAsRoot:
          `talks to the ${runtime.name} socket and reads its state under ${runtime.stateDir}, both owned by root; ` +
          'no capability is added and the container is not privileged',
        hostMounts:
          `reads the host's cgroups (/sys), root filesystem, ${runtime.name} socket (/var/run), container state ` +
          `(${runtime.stateDir}) and disk names (/dev/disk), all read-only`,
      },
      scrape: [{ job: 'cadvisor', port: 'http', metricRelabelings: CADVISOR_RELABELINGS }],
    };
  }
}
