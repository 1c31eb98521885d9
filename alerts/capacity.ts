/**
 * Capacity planning: the guide's predict_linear queries done right. predict_linear takes a range of a
 * gauge (free bytes, a recorded utilisation), never a counter or an average of one, and the forecasts
 * worth a dashboard are recorded so the panels stay cheap.
 */
import { HIGH_RESOURCE_USAGE } from './runbooks-guide';
import { percentOf, REAL_FILESYSTEMS, RulesContext } from './context';
import { RuleFile, Runbook, alert, fraction, positive, record, series } from './model/rule';

const NODE = 'node-exporter';
const DISK = `device="/dev/sda1",fstype="ext4",instance="host1:9100",job="${NODE}",mountpoint="/data"`;
const DISK_LABELS = { device: '/dev/sda1', fstype: 'ext4', instance: 'host1:9100', job: NODE, mountpoint: '/data' };
const DAY = 86400;

const DISK_FILLING: Runbook = {
  symptoms: 'A filesystem is filling at a rate that exhausts it soon.',
  investigation: [
    'Look at the filesystem\'s free-space trend on the hosts dashboard: steady growth or a sudden jump?',
    'Find the directory that grows (`du -xh --max-depth=2`).',
    'Check retention and compaction of the stores writing there (Prometheus, Loki, Elasticsearch).',
  ],
  resolution: ['Stop the runaway writer.', 'Shorten retention or delete what is not needed.', 'Grow the volume before it fills.'],
};

function diskSeries(avail: string, samples: number) {
  return [
    series(`node_filesystem_avail_bytes{${DISK}}`, avail),
    series(`node_filesystem_size_bytes{${DISK}}`, `100x${samples}`),
    series(`node_filesystem_readonly{${DISK}}`, `0x${samples}`),
  ];
}

export function capacityRules(ctx: RulesContext): RuleFile {
  const avail = `node_filesystem_avail_bytes{${REAL_FILESYSTEMS}}`;
  return {
    name: 'capacity',
    groups: [
      {
        name: 'capacity.forecasts',
        // Week-long ranges are costly: a forecast a few minutes old is as good.
        interval: '5m',
        rules: [
          record('instance:node_filesystem_avail_bytes:predict_linear30d', `predict_linear(${avail}[7d], ${30 * DAY})`, { requires: [NODE] }),
          record('instance:node_cpu_busy:predict_linear30d', `predict_linear(instance:node_cpu_busy:rate5m[7d], ${30 * DAY})`, { requires: [NODE] }),
          // The guide's "memory growth rate": a gauge's trend is deriv(), not increase(); here in bytes per day.
          record('instance:memory_usage_bytes:deriv1d', `deriv(memory_usage_bytes{job="${ctx.applicationJob}"}[1d]) * ${DAY}`),
        ],
      },
      {
        name: 'capacity.alerts',
        requires: [NODE],
        rules: [
          alert({
            name: 'DiskWillFillIn24Hours',
            expr: (t) =>
              `predict_linear(${avail}[6h], ${t.hours} * 3600) < 0 and on (instance, device, mountpoint) instance_mountpoint:node_filesystem_avail:ratio < ${t.freeFraction} and on (instance, device, mountpoint) node_filesystem_readonly == 0`,
            for: '1h',
            severity: 'warning',
            team: 'infrastructure',
            component: 'host',
            thresholds: { hours: positive(24), freeFraction: fraction(0.4) },
            summary: 'Disk {{ $labels.mountpoint }} of {{ $labels.instance }} fills within a day',
            description: (t) => `At the rate of the last 6 hours, {{ $labels.mountpoint }} on {{ $labels.instance }} runs out of space within ${t.hours} hours.`,
            runbook: DISK_FILLING,
            tests: {
              fires: { series: diskSeries('30-0.05x150', 150), at: '120m', labels: DISK_LABELS, summary: 'Disk /data of host1:9100 fills within a day', description: 'At the rate of the last 6 hours, /data on host1:9100 runs out of space within 24 hours.' },
              quiet: { series: diskSeries('30x150', 150), at: '120m' },
            },
          }),
          alert({
            name: 'DiskWillFillIn4Hours',
            expr: (t) => `predict_linear(${avail}[1h], ${t.hours} * 3600) < 0 and on (instance, device, mountpoint) node_filesystem_readonly == 0`,
            for: '5m',
            severity: 'critical',
            team: 'infrastructure',
            component: 'host',
            thresholds: { hours: positive(4) },
            summary: 'Disk {{ $labels.mountpoint }} of {{ $labels.instance }} fills within hours',
            description: (t) => `At the rate of the last hour, {{ $labels.mountpoint }} on {{ $labels.instance }} runs out of space within ${t.hours} hours.`,
            runbook: DISK_FILLING,
            tests: {
              fires: { series: diskSeries('30-0.2x90', 90), at: '90m', labels: DISK_LABELS, summary: 'Disk /data of host1:9100 fills within hours', description: 'At the rate of the last hour, /data on host1:9100 runs out of space within 4 hours.' },
              quiet: { series: diskSeries('30-0.01x90', 90), at: '90m' },
            },
          }),
          alert({
            name: 'MemoryWillRunOut',
            expr: (t) => `predict_linear(node_memory_MemAvailable_bytes{job="${NODE}"}[6h], ${t.hours} * 3600) < 0`,
            for: '1h',
            severity: 'warning',
            team: 'infrastructure',
            component: 'host',
            thresholds: { hours: positive(24) },
            summary: 'Memory of {{ $labels.instance }} runs out within a day',
            description: (t) => `At the rate of the last 6 hours, available memory on {{ $labels.instance }} reaches zero within ${t.hours} hours: a leak?`,
            runbook: HIGH_RESOURCE_USAGE,
            tests: {
              fires: { series: [series(`node_memory_MemAvailable_bytes{instance="host1:9100",job="${NODE}"}`, '1000-5x150')], at: '150m', labels: { instance: 'host1:9100', job: NODE }, summary: 'Memory of host1:9100 runs out within a day', description: 'At the rate of the last 6 hours, available memory on host1:9100 reaches zero within 24 hours: a leak?' },
              quiet: { series: [series(`node_memory_MemAvailable_bytes{instance="host1:9100",job="${NODE}"}`, '1000x150')], at: '150m' },
            },
          }),
          alert({
            name: 'CpuSaturationForecast',
            expr: (t) => `predict_linear(instance:node_cpu_busy:rate5m[1d], ${t.days} * ${DAY}) > ${t.utilisation}`,
            for: '1h',
            severity: 'info',
            team: 'infrastructure',
            component: 'host',
            thresholds: { days: positive(7), utilisation: fraction(0.95) },
            summary: 'CPU of {{ $labels.instance }} trends towards saturation',
            description: (t) => `At the trend of the last day, CPU use on {{ $labels.instance }} exceeds ${percentOf(t.utilisation)}% within ${t.days} days. Plan capacity.`,
            runbook: HIGH_RESOURCE_USAGE,
            tests: {
              fires: {
                series: [series(`node_cpu_seconds_total{cpu="0",mode="idle",instance="host1:9100",job="${NODE}"}`, '0+50x60 3040+40x59 5430+30x59 7220+20x59')],
                at: '240m',
                labels: { instance: 'host1:9100', job: NODE },
                summary: 'CPU of host1:9100 trends towards saturation',
                description: 'At the trend of the last day, CPU use on host1:9100 exceeds 95% within 7 days. Plan capacity.',
              },
              quiet: { series: [series(`node_cpu_seconds_total{cpu="0",mode="idle",instance="host1:9100",job="${NODE}"}`, '0+50x240')], at: '240m' },
            },
          }),
        ],
      },
    ],
  };
}
