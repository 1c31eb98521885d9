/**
 * Containers, from cAdvisor. Series name containers by `container` (the compose service, or the
 * Kubernetes container with its `pod` and `namespace`), copied at scrape time from cAdvisor's container
 * labels; series of other cgroups, which have none, are left out.
 */
import { PROMETHEUS_DS, STACK_LINKS, STACK_TAG } from './common';
import { Dashboard, DashboardContext, promql, promVariable, RATE, stat, table, thresholds, timeseries } from './model';

const JOB = 'cadvisor';

export function containers(_context: DashboardContext): Dashboard {
  const sel = `job="${JOB}", container=~"$container", container!=""`;
  return {
    title: 'Containers',
    description: 'CPU, memory, network and disk of every container, from cAdvisor.',
    tags: [STACK_TAG, 'infrastructure', 'cadvisor'],
    requires: [JOB],
    variables: [PROMETHEUS_DS, promVariable('container', 'Container', `label_values(container_last_seen{job="${JOB}", container!=""}, container)`)],
    links: STACK_LINKS,
    rows: [
      {
        panels: [
          stat({ title: 'Containers Running', targets: [promql(`count(container_last_seen{${sel}})`, 'containers')] }),
          stat({ title: 'CPU Used (cores)', targets: [promql(`sum(rate(container_cpu_usage_seconds_total{${sel}}[${RATE}]))`, 'cores')], decimals: 2 }),
          stat({ title: 'Memory Working Set', targets: [promql(`sum(container_memory_working_set_bytes{${sel}})`, 'memory')], unit: 'bytes' }),
          stat({
            title: 'Near Memory Limit',
            description: 'Containers whose working set is above 90% of their memory limit.',
            targets: [promql(`count((container_memory_working_set_bytes{${sel}} / (container_spec_memory_limit_bytes{${sel}} > 0)) > 0.9) or vector(0)`, 'containers')],
            thresholds: thresholds('green', [1, 'orange']),
          }),
        ],
      },
      {
        title: 'CPU and memory',
        panels: [
          timeseries({
            title: 'CPU by Container',
            targets: [promql(`sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total{${sel}}[${RATE}]))`, '{{container}} {{pod}}')],
            unit: 'short',
          }),
          timeseries({
            title: 'CPU Throttling',
            description: 'Share of scheduling periods in which the container hit its CPU limit.',
            targets: [promql(`sum by (namespace, pod, container) (rate(container_cpu_cfs_throttled_periods_total{${sel}}[${RATE}])) / sum by (namespace, pod, container) (rate(container_cpu_cfs_periods_total{${sel}}[${RATE}]))`, '{{container}} {{pod}}')],
            unit: 'percentunit',
          }),
          timeseries({
            title: 'Memory Working Set by Container',
            targets: [promql(`sum by (namespace, pod, container) (container_memory_working_set_bytes{${sel}})`, '{{container}} {{pod}}')],
            unit: 'bytes',
          }),
          timeseries({
            title: 'Memory Against Limit',
            description: 'Working set over the memory limit, for containers that have one.',
            targets: [promql(`max by (namespace, pod, container) (container_memory_working_set_bytes{${sel}}) / max by (namespace, pod, container) (container_spec_memory_limit_bytes{${sel}} > 0)`, '{{container}} {{pod}}')],
            unit: 'percentunit',
          }),
        ],
      },
      {
        title: 'Network and disk',
        panels: [
          timeseries({
            title: 'Network Received',
            targets: [promql(`sum by (namespace, pod, container) (rate(container_network_receive_bytes_total{${sel}}[${RATE}]))`, '{{container}} {{pod}}')],
            unit: 'Bps',
          }),
          timeseries({
            title: 'Network Sent',
            targets: [promql(`sum by (namespace, pod, container) (rate(container_network_transmit_bytes_total{${sel}}[${RATE}]))`, '{{container}} {{pod}}')],
            unit: 'Bps',
          }),
          timeseries({
            title: 'Disk Writes',
            targets: [promql(`sum by (namespace, pod, container) (rate(container_fs_writes_bytes_total{${sel}}[${RATE}]))`, '{{container}} {{pod}}')],
            unit: 'Bps',
          }),
          table({
            title: 'Container Start Times',
            targets: [promql(`max by (namespace, pod, container, image) (container_start_time_seconds{${sel}}) * 1000`, '', { format: 'table' })],
            unit: 'dateTimeFromNow',
          }),
        ],
      },
    ],
  };
}
