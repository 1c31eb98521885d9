/** prom/node-exporter v1.12 with its default collectors, scraped by the `node-exporter` job. */
import { counter, gauge, MetricFamily, ReleaseDifference, untyped, withOlderReleases } from '../metrics';
import { GO_SERVICE } from './runtime';

/** Filesystems whose statfs failed are reported with their error since 1.8 (Debian's 1.5 lacks the label). */
const DEVICE_ERROR_LABEL: ReleaseDifference = {
  before: '1.8.0',
  lacksLabels: ['device_error'],
  source: 'prometheus/node_exporter CHANGELOG 1.8.0: filesystem: surface device errors (#2923); collector/filesystem_common.go filesystemLabelNames at v1.8.0',
};

export const NODE_EXPORTER_METRICS: readonly MetricFamily[] = [
  gauge('node_exporter_build_info', ['branch', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'], 'Version, revision and branch, as labels'),
  gauge('node_uname_info', ['domainname', 'machine', 'nodename', 'release', 'sysname', 'version'], 'Kernel and host name, as labels'),
  gauge('node_os_info', ['build_id', 'id', 'id_like', 'image_id', 'image_version', 'name', 'pretty_name', 'variant', 'variant_id', 'version', 'version_codename', 'version_id'], 'Operating system, as labels'),
  gauge('node_boot_time_seconds', [], 'Boot time'),
  gauge('node_time_seconds', [], 'Clock of the host'),
  gauge('node_scrape_collector_success', ['collector'], 'Whether a collector succeeded'),
  gauge('node_scrape_collector_duration_seconds', ['collector'], 'Time a collector took'),
  // CPU and load
  counter('node_cpu_seconds_total', ['cpu', 'mode'], 'CPU time, by cpu and mode'),
  gauge('node_load1', [], '1-minute load average'),
  gauge('node_load5', [], '5-minute load average'),
  gauge('node_load15', [], '15-minute load average'),
  counter('node_context_switches_total', [], 'Context switches'),
  counter('node_intr_total', [], 'Interrupts serviced'),
  gauge('node_procs_running', [], 'Processes runnable'),
  gauge('node_procs_blocked', [], 'Processes blocked on I/O'),
  counter('node_pressure_cpu_waiting_seconds_total', [], 'Time tasks waited for a CPU'),
  counter('node_pressure_memory_waiting_seconds_total', [], 'Time tasks waited for memory'),
  counter('node_pressure_memory_stalled_seconds_total', [], 'Time all tasks stalled on memory'),
  counter('node_pressure_io_waiting_seconds_total', [], 'Time tasks waited for I/O'),
  counter('node_pressure_io_stalled_seconds_total', [], 'Time all tasks stalled on I/O'),
  // Memory
  gauge('node_memory_MemTotal_bytes', [], 'Memory installed'),
  gauge('node_memory_MemFree_bytes', [], 'Memory unused'),
  gauge('node_memory_MemAvailable_bytes', [], 'Memory available to new work without swapping'),
  gauge('node_memory_Buffers_bytes', [], 'Memory in buffers'),
  gauge('node_memory_Cached_bytes', [], 'Memory in the page cache'),
  gauge('node_memory_SwapTotal_bytes', [], 'Swap space'),
  gauge('node_memory_SwapFree_bytes', [], 'Swap space unused'),
  untyped('node_vmstat_pgmajfault', [], 'Major page faults'),
  untyped('node_vmstat_oom_kill', [], 'Processes killed by the OOM killer'),
  // Filesystems and disks
  withOlderReleases(gauge('node_filesystem_size_bytes', ['device', 'device_error', 'fstype', 'mountpoint'], 'Filesystem size'), DEVICE_ERROR_LABEL),
  withOlderReleases(gauge('node_filesystem_free_bytes', ['device', 'device_error', 'fstype', 'mountpoint'], 'Filesystem space free'), DEVICE_ERROR_LABEL),
  withOlderReleases(gauge('node_filesystem_avail_bytes', ['device', 'device_error', 'fstype', 'mountpoint'], 'Filesystem space available to non-root users'), DEVICE_ERROR_LABEL),
  withOlderReleases(gauge('node_filesystem_files', ['device', 'device_error', 'fstype', 'mountpoint'], 'Inodes'), DEVICE_ERROR_LABEL),
  withOlderReleases(gauge('node_filesystem_files_free', ['device', 'device_error', 'fstype', 'mountpoint'], 'Inodes free'), DEVICE_ERROR_LABEL),
  withOlderReleases(gauge('node_filesystem_readonly', ['device', 'device_error', 'fstype', 'mountpoint'], 'Whether a filesystem is read-only'), DEVICE_ERROR_LABEL),
  withOlderReleases(gauge('node_filesystem_device_error', ['device', 'device_error', 'fstype', 'mountpoint'], 'Whether reading a filesystem failed'), DEVICE_ERROR_LABEL),
  counter('node_disk_read_bytes_total', ['device'], 'Bytes read, by device'),
  counter('node_disk_written_bytes_total', ['device'], 'Bytes written, by device'),
  counter('node_disk_reads_completed_total', ['device'], 'Reads completed, by device'),
  counter('node_disk_writes_completed_total', ['device'], 'Writes completed, by device'),
  counter('node_disk_io_time_seconds_total', ['device'], 'Time spent doing I/O, by device'),
  gauge('node_filefd_allocated', [], 'File descriptors allocated'),
  gauge('node_filefd_maximum', [], 'File descriptor limit'),
  // Network
  counter('node_network_receive_bytes_total', ['device'], 'Bytes received, by device'),
  counter('node_network_transmit_bytes_total', ['device'], 'Bytes sent, by device'),
  counter('node_network_receive_errs_total', ['device'], 'Receive errors, by device'),
  counter('node_network_transmit_errs_total', ['device'], 'Transmit errors, by device'),
  counter('node_network_receive_drop_total', ['device'], 'Received packets dropped, by device'),
  counter('node_network_transmit_drop_total', ['device'], 'Sent packets dropped, by device'),
  gauge('node_network_up', ['device'], 'Whether an interface is up'),
  untyped('node_netstat_Tcp_CurrEstab', [], 'TCP connections established'),
  gauge('node_nf_conntrack_entries', [], 'Connection tracking entries'),
  gauge('node_nf_conntrack_entries_limit', [], 'Connection tracking table size'),
  // Time
  gauge('node_timex_offset_seconds', [], 'Clock offset'),
  gauge('node_timex_sync_status', [], 'Whether the clock is synchronised'),
  gauge('node_hwmon_temp_celsius', ['chip', 'sensor'], 'Hardware monitor temperatures'),
  ...GO_SERVICE,
];
