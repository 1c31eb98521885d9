/**
 * ghcr.io/google/cadvisor v0.60, scraped by the `cadvisor` job, with the metric groups the stack
 * disables left out (oom_event, process, per-CPU, tcp/udp...). cAdvisor exposes each container's series
 * with `id` (cgroup path), `name` (the runtime's container name: a container id under containerd),
 * `image` and `container_label_<label>` for the labels it keeps (lib/metrics/prometheus.go); the scrape
 * job turns the Kubernetes and compose ones into `container`, `pod` and `namespace`
 * (CADVISOR_RELABELINGS), which is what is stored.
 */
import { counter, gauge, MetricFamily } from '../metrics';
import { GO_SERVICE } from './runtime';

/** The labels a container's series carry as stored (besides job and instance). */
export const CADVISOR_CONTAINER_LABELS: readonly string[] = ['id', 'name', 'image', 'container', 'pod', 'namespace'];

/** Container series: the labels above. */
const withContainerLabels = (family: MetricFamily): MetricFamily => (family.name.startsWith('container_') ? { ...family, labels: CADVISOR_CONTAINER_LABELS } : family);

export const CADVISOR_METRICS: readonly MetricFamily[] = [
  gauge('cadvisor_version_info', 'cAdvisor, kernel and Docker versions, as labels'),
  gauge('machine_cpu_cores', 'Logical CPUs of the machine'),
  gauge('machine_memory_bytes', 'Memory of the machine'),
  gauge('container_last_seen', 'Last time a container was seen'),
  gauge('container_start_time_seconds', 'Start time of a container'),
  // CPU
  counter('container_cpu_usage_seconds_total', 'CPU time consumed'),
  counter('container_cpu_user_seconds_total', 'User CPU time consumed'),
  counter('container_cpu_system_seconds_total', 'System CPU time consumed'),
  counter('container_cpu_cfs_periods_total', 'Enforcement periods elapsed'),
  counter('container_cpu_cfs_throttled_periods_total', 'Periods throttled'),
  counter('container_cpu_cfs_throttled_seconds_total', 'Time throttled'),
  gauge('container_spec_cpu_quota', 'CPU quota'),
  gauge('container_spec_cpu_period', 'CPU period'),
  gauge('container_spec_cpu_shares', 'CPU shares'),
  // Memory
  gauge('container_memory_usage_bytes', 'Memory used, page cache included'),
  gauge('container_memory_working_set_bytes', 'Working set: what the OOM killer looks at'),
  gauge('container_memory_rss', 'Anonymous and swap cache memory'),
  gauge('container_memory_cache', 'Page cache memory'),
  gauge('container_memory_swap', 'Swap used'),
  gauge('container_memory_mapped_file', 'Memory-mapped files'),
  counter('container_memory_failcnt', 'Times the memory limit was hit'),
  counter('container_memory_failures_total', 'Memory allocation failures, by type and scope'),
  gauge('container_spec_memory_limit_bytes', 'Memory limit'),
  gauge('container_spec_memory_reservation_limit_bytes', 'Memory reservation'),
  // Network
  counter('container_network_receive_bytes_total', 'Bytes received'),
  counter('container_network_transmit_bytes_total', 'Bytes sent'),
  counter('container_network_receive_packets_total', 'Packets received'),
  counter('container_network_transmit_packets_total', 'Packets sent'),
  counter('container_network_receive_errors_total', 'Receive errors'),
  counter('container_network_transmit_errors_total', 'Transmit errors'),
  counter('container_network_receive_packets_dropped_total', 'Received packets dropped'),
  counter('container_network_transmit_packets_dropped_total', 'Sent packets dropped'),
  // Filesystem
  gauge('container_fs_usage_bytes', 'Filesystem bytes used'),
  gauge('container_fs_limit_bytes', 'Filesystem bytes available'),
  counter('container_fs_reads_bytes_total', 'Bytes read'),
  counter('container_fs_writes_bytes_total', 'Bytes written'),
  ...GO_SERVICE,
].map(withContainerLabels);
