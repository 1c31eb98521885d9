/** GPUs, from NVIDIA's DCGM exporter (the counters file the stack mounts). */
import { PROMETHEUS_DS, STACK_LINKS, STACK_TAG, USAGE_THRESHOLDS } from './common';
import { Dashboard, DashboardContext, gauge, promql, promVariable, RATE, stat, thresholds, timeseries } from './model';

const JOB = 'gpu-exporter';

export function gpus(_context: DashboardContext): Dashboard {
  const sel = `job="${JOB}", Hostname=~"$host"`;
  return {
    title: 'GPUs',
    description: 'Utilisation, memory, temperature, power and errors of every GPU, from DCGM.',
    tags: [STACK_TAG, 'infrastructure', 'gpu'],
    requires: [JOB],
    variables: [PROMETHEUS_DS, promVariable('host', 'Host', `label_values(DCGM_FI_DEV_GPU_UTIL{job="${JOB}"}, Hostname)`)],
    links: STACK_LINKS,
    rows: [
      {
        panels: [
          stat({ title: 'GPUs', targets: [promql(`count(DCGM_FI_DEV_GPU_UTIL{${sel}})`, 'gpus')], height: 6 }),
          gauge({ title: 'Mean Utilisation', targets: [promql(`avg(DCGM_FI_DEV_GPU_UTIL{${sel}})`, 'utilisation')], unit: 'percent', min: 0, max: 100 }),
          gauge({
            title: 'Framebuffer Used',
            targets: [promql(`sum(DCGM_FI_DEV_FB_USED{${sel}}) / (sum(DCGM_FI_DEV_FB_USED{${sel}}) + sum(DCGM_FI_DEV_FB_FREE{${sel}}))`, 'used')],
            unit: 'percentunit',
            min: 0,
            max: 1,
            thresholds: USAGE_THRESHOLDS,
          }),
          stat({ title: 'Hottest GPU', targets: [promql(`max(DCGM_FI_DEV_GPU_TEMP{${sel}})`, 'temperature')], unit: 'celsius', thresholds: thresholds('green', [80, 'orange'], [90, 'red']), height: 6 }),
        ],
      },
      {
        title: 'Per GPU',
        panels: [
          timeseries({ title: 'GPU Utilisation', targets: [promql(`DCGM_FI_DEV_GPU_UTIL{${sel}}`, '{{Hostname}} GPU {{gpu}}')], unit: 'percent', min: 0, max: 100 }),
          timeseries({ title: 'Memory Copy Utilisation', targets: [promql(`DCGM_FI_DEV_MEM_COPY_UTIL{${sel}}`, '{{Hostname}} GPU {{gpu}}')], unit: 'percent', min: 0, max: 100 }),
          timeseries({ title: 'Framebuffer Memory Used', targets: [promql(`DCGM_FI_DEV_FB_USED{${sel}}`, '{{Hostname}} GPU {{gpu}}')], unit: 'mbytes' }),
          timeseries({ title: 'Temperature', targets: [promql(`DCGM_FI_DEV_GPU_TEMP{${sel}}`, '{{Hostname}} GPU {{gpu}}')], unit: 'celsius', thresholds: thresholds('green', [80, 'orange'], [90, 'red']) }),
          timeseries({ title: 'Power Draw', targets: [promql(`DCGM_FI_DEV_POWER_USAGE{${sel}}`, '{{Hostname}} GPU {{gpu}}')], unit: 'watt' }),
          timeseries({ title: 'SM Clock', targets: [promql(`DCGM_FI_DEV_SM_CLOCK{${sel}} * 1000000`, '{{Hostname}} GPU {{gpu}}')], unit: 'hertz' }),
          timeseries({
            title: 'Throttling',
            description: 'Share of time each GPU ran slowed down to stay within its power or temperature limit.',
            targets: [
              promql(`rate(DCGM_FI_DEV_POWER_VIOLATION{${sel}}[${RATE}]) / 1e6`, 'power {{Hostname}} GPU {{gpu}}'),
              promql(`rate(DCGM_FI_DEV_THERMAL_VIOLATION{${sel}}[${RATE}]) / 1e6`, 'thermal {{Hostname}} GPU {{gpu}}'),
            ],
            unit: 'percentunit',
          }),
          timeseries({ title: 'XID Errors', description: 'The last XID error code each GPU reported; non-zero means look at the driver log.', targets: [promql(`DCGM_FI_DEV_XID_ERRORS{${sel}}`, '{{Hostname}} GPU {{gpu}}')] }),
        ],
      },
    ],
  };
}
