/** System health: CPU, memory and disk of every host node-exporter runs on. */
import { HIGH_RESOURCE_USAGE } from './runbooks-guide';
import { REAL_FILESYSTEMS } from './context';
import { RuleFile, alert, between, percent, record, series } from './model/rule';

const NODE = 'node-exporter';
const HOST = { instance: 'host1:9100', job: NODE };
const DISK = `device="/dev/sda1",fstype="ext4",instance="host1:9100",job="${NODE}",mountpoint="/"`;

export function systemRules(): RuleFile {
  return {
    name: 'system',
    groups: [
      {
        name: 'system.records',
        requires: [NODE],
        // Names of the stack's own: the node-exporter mixin that kube-prometheus-stack installs records
        // instance:node_cpu_utilisation:rate5m and instance:node_memory_utilisation:ratio from the same
        // series, and two rules writing one series in the cluster's Prometheus would make it flap.
        rules: [
          record('instance:node_cpu_busy:rate5m', 'clamp_min(1 - avg without (cpu, mode) (rate(node_cpu_seconds_total{mode="idle"}[5m])), 0)'),
          record('instance:node_memory_used:ratio', '1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes'),
          record(
            'instance_mountpoint:node_filesystem_avail:ratio',
            `node_filesystem_avail_bytes{${REAL_FILESYSTEMS}} / node_filesystem_size_bytes{${REAL_FILESYSTEMS}}`,
          ),
        ],
      },
      {
        name: 'system.alerts',
        requires: [NODE],
        rules: [
          alert({
            name: 'HostHighCpuUsage',
            expr: (t) => `instance:node_cpu_busy:rate5m * 100 > ${t.cpuPercent}`,
            for: '15m',
            severity: 'warning',
            team: 'infrastructure',
            component: 'host',
            thresholds: { cpuPercent: percent(90) },
            summary: 'CPU of {{ $labels.instance }} is nearly saturated',
            description: (t) => `CPU usage on {{ $labels.instance }} is {{ $value | printf "%.1f" }}% (threshold ${t.cpuPercent}%).`,
            runbook: HIGH_RESOURCE_USAGE,
            tests: {
              fires: { series: [series(`node_cpu_seconds_total{cpu="0",mode="idle",instance="host1:9100",job="${NODE}"}`, '0+3x40')], at: '30m', labels: HOST, summary: 'CPU of host1:9100 is nearly saturated', description: 'CPU usage on host1:9100 is 95.0% (threshold 90%).' },
              quiet: { series: [series(`node_cpu_seconds_total{cpu="0",mode="idle",instance="host1:9100",job="${NODE}"}`, '0+50x40')], at: '30m' },
            },
          }),
          alert({
            name: 'HostHighMemoryUsage',
            expr: (t) => `instance:node_memory_used:ratio * 100 > ${t.memoryPercent}`,
            for: '15m',
            severity: 'warning',
            team: 'infrastructure',
            component: 'host',
            thresholds: { memoryPercent: percent(90) },
            summary: 'Memory of {{ $labels.instance }} is nearly used up',
            description: (t) => `Memory usage on {{ $labels.instance }} is {{ $value | printf "%.1f" }}% (threshold ${t.memoryPercent}%).`,
            runbook: HIGH_RESOURCE_USAGE,
            tests: {
              fires: {
                series: [series(`node_memory_MemAvailable_bytes{instance="host1:9100",job="${NODE}"}`, '5x40'), series(`node_memory_MemTotal_bytes{instance="host1:9100",job="${NODE}"}`, '100x40')],
                at: '30m',
                labels: HOST,
                summary: 'Memory of host1:9100 is nearly used up',
                description: 'Memory usage on host1:9100 is 95.0% (threshold 90%).',
              },
              quiet: {
                series: [series(`node_memory_MemAvailable_bytes{instance="host1:9100",job="${NODE}"}`, '50x40'), series(`node_memory_MemTotal_bytes{instance="host1:9100",job="${NODE}"}`, '100x40')],
                at: '30m',
              },
            },
          }),
          alert({
            name: 'HostDiskSpaceLow',
            expr: (t) => `instance_mountpoint:node_filesystem_avail:ratio * 100 < ${t.freePercent} and on (instance, device, mountpoint) node_filesystem_readonly == 0`,
            for: '10m',
            severity: 'warning',
            team: 'infrastructure',
            component: 'host',
            thresholds: { freePercent: percent(10) },
            summary: 'Disk {{ $labels.mountpoint }} of {{ $labels.instance }} is nearly full',
            description: (t) => `{{ $labels.mountpoint }} on {{ $labels.instance }} has {{ $value | printf "%.1f" }}% space left (threshold ${t.freePercent}%).`,
            runbook: {
              symptoms: 'A filesystem has little space left; writes will soon fail (databases, logs, Prometheus itself).',
              investigation: [
                'Find what grew: `du -xh --max-depth=2 <mountpoint> | sort -h | tail` on the host.',
                'Check log rotation and retention of the services writing there.',
                'Look at the capacity-planning panels for how fast it is filling.',
              ],
              resolution: ['Delete or archive what is not needed.', 'Shorten retention of the service that grew.', 'Grow the volume.'],
            },
            tests: {
              fires: {
                series: [series(`node_filesystem_avail_bytes{${DISK}}`, '5x30'), series(`node_filesystem_size_bytes{${DISK}}`, '100x30'), series(`node_filesystem_readonly{${DISK}}`, '0x30')],
                at: '20m',
                labels: { device: '/dev/sda1', fstype: 'ext4', instance: 'host1:9100', job: NODE, mountpoint: '/' },
                summary: 'Disk / of host1:9100 is nearly full',
                description: '/ on host1:9100 has 5.0% space left (threshold 10%).',
              },
              quiet: {
                series: [series(`node_filesystem_avail_bytes{${DISK}}`, '50x30'), series(`node_filesystem_size_bytes{${DISK}}`, '100x30'), series(`node_filesystem_readonly{${DISK}}`, '0x30')],
                at: '20m',
              },
            },
          }),
        ],
      },
      {
        name: 'system.containers',
        requires: ['cadvisor'],
        rules: [
          alert({
            name: 'ContainerMemoryNearLimit',
            // Containers without a limit report 0 and are left out rather than divided by. `container` is
            // copied at scrape time from cAdvisor's Kubernetes or compose container labels.
            expr: (t) =>
              `container_memory_working_set_bytes{container!=""} / (container_spec_memory_limit_bytes{container!=""} > 0) * 100 > ${t.percentOfLimit}`,
            for: '15m',
            severity: 'warning',
            team: 'infrastructure',
            component: 'container',
            thresholds: { percentOfLimit: percent(90) },
            summary: 'Container {{ $labels.container }} is close to its memory limit',
            description: (t) => `{{ $labels.container }}{{ if $labels.pod }} in pod {{ $labels.pod }}{{ end }} uses {{ $value | printf "%.0f" }}% of its memory limit (threshold ${t.percentOfLimit}%); the OOM killer is near.`,
            runbook: HIGH_RESOURCE_USAGE,
            tests: {
              fires: {
                series: [
                  series('container_memory_working_set_bytes{container="trainer",id="/kubepods/abc",instance="cadvisor:8080",job="cadvisor",name="4f2a",namespace="fedrl",pod="trainer-1"}', '95x30'),
                  series('container_spec_memory_limit_bytes{container="trainer",id="/kubepods/abc",instance="cadvisor:8080",job="cadvisor",name="4f2a",namespace="fedrl",pod="trainer-1"}', '100x30'),
                ],
                at: '20m',
                labels: { container: 'trainer', id: '/kubepods/abc', instance: 'cadvisor:8080', job: 'cadvisor', name: '4f2a', namespace: 'fedrl', pod: 'trainer-1' },
                summary: 'Container trainer is close to its memory limit',
                description: 'trainer in pod trainer-1 uses 95% of its memory limit (threshold 90%); the OOM killer is near.',
              },
              quiet: {
                series: [
                  series('container_memory_working_set_bytes{container="trainer",id="/kubepods/abc",instance="cadvisor:8080",job="cadvisor",name="4f2a",namespace="fedrl",pod="trainer-1"}', '95x30'),
                  series('container_spec_memory_limit_bytes{container="trainer",id="/kubepods/abc",instance="cadvisor:8080",job="cadvisor",name="4f2a",namespace="fedrl",pod="trainer-1"}', '0x30'),
                ],
                at: '20m',
              },
            },
          }),
        ],
      },
      {
        name: 'system.gpus',
        requires: ['gpu-exporter'],
        rules: [
          alert({
            name: 'GpuTemperatureHigh',
            expr: (t) => `DCGM_FI_DEV_GPU_TEMP > ${t.celsius}`,
            for: '10m',
            severity: 'warning',
            team: 'infrastructure',
            component: 'gpu',
            thresholds: { celsius: between(0, 150, 'degrees Celsius')(85) },
            summary: 'GPU {{ $labels.gpu }} of {{ $labels.Hostname }} runs hot',
            description: (t) => `GPU {{ $labels.gpu }} on {{ $labels.Hostname }} is at {{ $value }}°C (threshold ${t.celsius}°C); it will throttle and slow training.`,
            runbook: {
              symptoms: 'Training slows down as the GPU throttles its clocks; at worst the GPU shuts down.',
              investigation: [
                'Open the GPU dashboard: temperature, clocks, power and thermal-violation time together.',
                'Check the node\'s cooling (fans, airflow, datacenter alerts) and whether other GPUs of the node are hot too.',
                'Check whether a job drives the GPU far beyond its usual power.',
              ],
              resolution: ['Fix the cooling; move the job to another node meanwhile.', 'Cap the GPU\'s power limit (`nvidia-smi -pl`) until the cooling is fixed.'],
            },
            tests: {
              fires: {
                series: [series('DCGM_FI_DEV_GPU_TEMP{gpu="0",Hostname="gpu-node-1",instance="gpu-exporter:9400",job="gpu-exporter"}', '90x30')],
                at: '20m',
                labels: { gpu: '0', Hostname: 'gpu-node-1', instance: 'gpu-exporter:9400', job: 'gpu-exporter' },
                summary: 'GPU 0 of gpu-node-1 runs hot',
                description: 'GPU 0 on gpu-node-1 is at 90°C (threshold 85°C); it will throttle and slow training.',
              },
              quiet: { series: [series('DCGM_FI_DEV_GPU_TEMP{gpu="0",Hostname="gpu-node-1",instance="gpu-exporter:9400",job="gpu-exporter"}', '70x30')], at: '20m' },
            },
          }),
        ],
      },
    ],
  };
}
