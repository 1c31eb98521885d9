/**
 * ghcr.io/google/cadvisor v0.60, scraped by the `cadvisor` job, with the metric groups the stack
 * disables left out (oom_event, process, per-CPU, tcp/udp...). cAdvisor exposes each container's series
 * with `id` (cgroup path), `name` (the runtime's container name: a container id under containerd),
 * `image` and `container_label_<label>` for the labels it keeps (lib/metrics/prometheus.go). These are
 * listed as exposed; the scrape job turns the Kubernetes and compose ones into `container`, `pod` and
 * `namespace` (CADVISOR_RELABELINGS), and the synth-time check derives what is stored from that job's
 * rendered metric_relabel_configs.
 */
import { counter, gauge, MetricFamily } from '../metrics';
import { GO_SERVICE } from './runtime';

/**
 * Labels of every per-container series: the cgroup path, the image and the container name, plus the
 * container labels the stack keeps (`--whitelisted_container_labels`), which cAdvisor prefixes with
 * `container_label_` and sanitizes.
 */
const CONTAINER: readonly string[] = [
  'id',
  'image',
  'name',
  'container_label_io_kubernetes_container_name',
  'container_label_io_kubernetes_pod_name',
  'container_label_io_kubernetes_pod_namespace',
  'container_label_com_docker_compose_project',
  'container_label_com_docker_compose_service',
];

export const CADVISOR_METRICS: readonly MetricFamily[] = [
  gauge('cadvisor_version_info', ['cadvisorRevision', 'cadvisorVersion', 'dockerVersion', 'kernelVersion', 'osVersion'], 'cAdvisor, kernel and Docker versions, as labels'),
  gauge('machine_cpu_cores', ['boot_id', 'machine_id', 'system_uuid'], 'Logical CPUs of the machine'),
  gauge('machine_memory_bytes', ['boot_id', 'machine_id', 'system_uuid'], 'Memory of the machine'),
  gauge('container_last_seen', CONTAINER, 'Last time a container was seen'),
  gauge('container_start_time_seconds', CONTAINER, 'Start time of a container'),
  // CPU
  counter('container_cpu_usage_seconds_total', [...CONTAINER, 'cpu'], 'CPU time consumed'),
  counter('container_cpu_user_seconds_total', CONTAINER, 'User CPU time consumed'),
  counter('container_cpu_system_seconds_total', CONTAINER, 'System CPU time consumed'),
  counter('container_cpu_cfs_periods_total', CONTAINER, 'Enforcement periods elapsed'),
  counter('container_cpu_cfs_throttled_periods_total', CONTAINER, 'Periods throttled'),
  counter('container_cpu_cfs_throttled_seconds_total', CONTAINER, 'Time throttled'),
  gauge('container_spec_cpu_quota', CONTAINER, 'CPU quota'),
  gauge('container_spec_cpu_period', CONTAINER, 'CPU period'),
  gauge('container_spec_cpu_shares', CONTAINER, 'CPU shares'),
  // Memory
  gauge('container_memory_usage_bytes', CONTAINER, 'Memory used, page cache included'),
  gauge('container_memory_working_set_bytes', CONTAINER, 'Working set: what the OOM killer looks at'),
  gauge('container_memory_rss', CONTAINER, 'Anonymous and swap cache memory'),
  gauge('container_memory_cache', CONTAINER, 'Page cache memory'),
  gauge('container_memory_swap', CONTAINER, 'Swap used'),
  gauge('container_memory_mapped_file', CONTAINER, 'Memory-mapped files'),
  counter('container_memory_failcnt', CONTAINER, 'Times the memory limit was hit'),
  counter('container_memory_failures_total', [...CONTAINER, 'failure_type', 'scope'], 'Memory allocation failures, by type and scope'),
  gauge('container_spec_memory_limit_bytes', CONTAINER, 'Memory limit'),
  gauge('container_spec_memory_reservation_limit_bytes', CONTAINER, 'Memory reservation'),
  // Network
  counter('container_network_receive_bytes_total', [...CONTAINER, 'interface'], 'Bytes received'),
  counter('container_network_transmit_bytes_total', [...CONTAINER, 'interface'], 'Bytes sent'),
  counter('container_network_receive_packets_total', [...CONTAINER, 'interface'], 'Packets received'),
  counter('container_network_transmit_packets_total', [...CONTAINER, 'interface'], 'Packets sent'),
  counter('container_network_receive_errors_total', [...CONTAINER, 'interface'], 'Receive errors'),
  counter('container_network_transmit_errors_total', [...CONTAINER, 'interface'], 'Transmit errors'),
  counter('container_network_receive_packets_dropped_total', [...CONTAINER, 'interface'], 'Received packets dropped'),
  counter('container_network_transmit_packets_dropped_total', [...CONTAINER, 'interface'], 'Sent packets dropped'),
  // Filesystem
  gauge('container_fs_usage_bytes', [...CONTAINER, 'device'], 'Filesystem bytes used'),
  gauge('container_fs_limit_bytes', [...CONTAINER, 'device'], 'Filesystem bytes available'),
  counter('container_fs_reads_bytes_total', [...CONTAINER, 'device'], 'Bytes read'),
  counter('container_fs_writes_bytes_total', [...CONTAINER, 'device'], 'Bytes written'),
  ...GO_SERVICE,
];
