/** Hosts, from node-exporter: saturation first (CPU, memory, disk, network), then the detail. */
import { instanceVariable, jobSelector, PROMETHEUS_DS, STACK_LINKS, STACK_TAG, USAGE_THRESHOLDS } from './common';
import { Dashboard, DashboardContext, gauge, promql, RATE, stat, table, timeseries } from './model';

const JOB = 'node-exporter';
const FS = 'fstype!~"tmpfs|ramfs|squashfs|overlay"';

export function hosts(_context: DashboardContext): Dashboard {
  const sel = jobSelector(JOB);
  return {
    title: 'Hosts',
    description: 'CPU, memory, disks and network of every host, from node-exporter.',
    tags: [STACK_TAG, 'infrastructure', 'node-exporter'],
    requires: [JOB],
    variables: [PROMETHEUS_DS, instanceVariable(JOB, 'node_uname_info')],
    links: STACK_LINKS,
    rows: [
      {
        panels: [
          gauge({
            title: 'CPU Busy',
            targets: [promql(`1 - avg(rate(node_cpu_seconds_total{${sel}, mode="idle"}[${RATE}]))`, 'busy')],
            unit: 'percentunit',
            min: 0,
            max: 1,
            thresholds: USAGE_THRESHOLDS,
          }),
          gauge({
            title: 'Memory Used',
            targets: [promql(`1 - sum(node_memory_MemAvailable_bytes{${sel}}) / sum(node_memory_MemTotal_bytes{${sel}})`, 'used')],
            unit: 'percentunit',
            min: 0,
            max: 1,
            thresholds: USAGE_THRESHOLDS,
          }),
          gauge({
            title: 'Fullest Filesystem',
            targets: [promql(`max(1 - node_filesystem_avail_bytes{${sel}, ${FS}} / node_filesystem_size_bytes{${sel}, ${FS}})`, 'used')],
            unit: 'percentunit',
            min: 0,
            max: 1,
            thresholds: USAGE_THRESHOLDS,
          }),
          stat({
            title: 'Uptime',
            targets: [promql(`min(node_time_seconds{${sel}} - node_boot_time_seconds{${sel}})`, 'uptime')],
            unit: 'dtdurations',
            height: 6,
          }),
        ],
      },
      {
        title: 'CPU and memory',
        panels: [
          timeseries({
            title: 'CPU Usage by Mode',
            targets: [promql(`sum by (mode) (rate(node_cpu_seconds_total{${sel}, mode!="idle"}[${RATE}])) / scalar(count(node_cpu_seconds_total{${sel}, mode="idle"}))`, '{{mode}}')],
            unit: 'percentunit',
            stacked: true,
          }),
          timeseries({
            title: 'Load Average',
            targets: [
              promql(`node_load1{${sel}}`, '1m {{instance}}'),
              promql(`node_load5{${sel}}`, '5m {{instance}}'),
              promql(`node_load15{${sel}}`, '15m {{instance}}'),
            ],
          }),
          timeseries({
            title: 'Memory',
            targets: [
              promql(`node_memory_MemTotal_bytes{${sel}} - node_memory_MemAvailable_bytes{${sel}}`, 'used {{instance}}'),
              promql(`node_memory_MemTotal_bytes{${sel}}`, 'total {{instance}}'),
            ],
            unit: 'bytes',
          }),
          timeseries({
            title: 'Pressure Stall',
            description: 'Share of time some task waited for CPU, memory or I/O.',
            targets: [
              promql(`rate(node_pressure_cpu_waiting_seconds_total{${sel}}[${RATE}])`, 'cpu {{instance}}'),
              promql(`rate(node_pressure_memory_waiting_seconds_total{${sel}}[${RATE}])`, 'memory {{instance}}'),
              promql(`rate(node_pressure_io_waiting_seconds_total{${sel}}[${RATE}])`, 'io {{instance}}'),
            ],
            unit: 'percentunit',
          }),
        ],
      },
      {
        title: 'Disks and network',
        panels: [
          timeseries({
            title: 'Disk Throughput',
            targets: [
              promql(`sum by (instance, device) (rate(node_disk_read_bytes_total{${sel}}[${RATE}]))`, 'read {{instance}} {{device}}'),
              promql(`sum by (instance, device) (rate(node_disk_written_bytes_total{${sel}}[${RATE}]))`, 'written {{instance}} {{device}}'),
            ],
            unit: 'Bps',
          }),
          timeseries({
            title: 'Disk Busy',
            targets: [promql(`rate(node_disk_io_time_seconds_total{${sel}}[${RATE}])`, '{{instance}} {{device}}')],
            unit: 'percentunit',
          }),
          timeseries({
            title: 'Network Traffic',
            targets: [
              promql(`sum by (instance) (rate(node_network_receive_bytes_total{${sel}, device!="lo"}[${RATE}]))`, 'in {{instance}}'),
              promql(`sum by (instance) (rate(node_network_transmit_bytes_total{${sel}, device!="lo"}[${RATE}]))`, 'out {{instance}}'),
            ],
            unit: 'Bps',
          }),
          timeseries({
            title: 'Network Errors',
            targets: [
              promql(`sum by (instance) (rate(node_network_receive_errs_total{${sel}}[${RATE}]))`, 'receive {{instance}}'),
              promql(`sum by (instance) (rate(node_network_transmit_errs_total{${sel}}[${RATE}]))`, 'transmit {{instance}}'),
            ],
          }),
          table({
            title: 'Filesystems',
            targets: [promql(`1 - node_filesystem_avail_bytes{${sel}, ${FS}} / node_filesystem_size_bytes{${sel}, ${FS}}`, '', { format: 'table' })],
            unit: 'percentunit',
            thresholds: USAGE_THRESHOLDS,
            width: 24,
            hideColumns: ['Time', 'job', 'fstype'],
          }),
        ],
      },
    ],
  };
}
