import { Construct } from 'constructs';
import { Component, ComponentProps, mergeResources, resources } from '../component';
import { httpCheckCommand } from '../image-facts';
import { IMAGE_FACTS, IMAGES } from '../images';
import { counter, gauge, MetricFamily } from '../metrics';
import { ServiceSpec } from '../service';
import { ComponentSettingsDeclaration, KEEPS_NO_DATA, ONE_PER_HOST } from '../settings';

/** What an environment may set on gpu-exporter (see settings.ts). */
export const GPU_EXPORTER_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.gpuExporter,
  resources: resources('100m', '256Mi', '500m', '768Mi'),
  scrapeJobs: ['gpu-exporter'],
  needs: [{ component: 'prometheus', why: 'it collects for Prometheus only' }],
  without: { replicas: ONE_PER_HOST, storage: KEEPS_NO_DATA, retention: KEEPS_NO_DATA },
};

export interface GpuExporterProps extends ComponentProps {
  /** DCGM fields exported, in dcgm-exporter's CSV order. @default DCGM_COUNTERS */
  readonly counters?: readonly MetricFamily[];
}

/**
 * The DCGM fields exported. Device-level fields only: the profiling (DCP) fields (DCGM_FI_PROF_*)
 * need the SYS_ADMIN capability, which this exporter is not given. Utilisation is DCGM_FI_DEV_GPU_UTIL
 * (0–100 %), labelled gpu, UUID, modelName and Hostname.
 */
export const DCGM_COUNTERS: readonly MetricFamily[] = Object.freeze([
  gauge('DCGM_FI_DEV_GPU_UTIL', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'GPU utilization (in %).'),
  gauge('DCGM_FI_DEV_MEM_COPY_UTIL', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Memory utilization (in %).'),
  gauge('DCGM_FI_DEV_ENC_UTIL', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Encoder utilization (in %).'),
  gauge('DCGM_FI_DEV_DEC_UTIL', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Decoder utilization (in %).'),
  gauge('DCGM_FI_DEV_FB_FREE', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Framebuffer memory free (in MiB).'),
  gauge('DCGM_FI_DEV_FB_USED', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Framebuffer memory used (in MiB).'),
  gauge('DCGM_FI_DEV_SM_CLOCK', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'SM clock frequency (in MHz).'),
  gauge('DCGM_FI_DEV_MEM_CLOCK', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Memory clock frequency (in MHz).'),
  gauge('DCGM_FI_DEV_GPU_TEMP', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'GPU temperature (in C).'),
  gauge('DCGM_FI_DEV_MEMORY_TEMP', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Memory temperature (in C).'),
  gauge('DCGM_FI_DEV_POWER_USAGE', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Power draw (in W).'),
  counter('DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Total energy consumption since boot (in mJ).'),
  counter('DCGM_FI_DEV_PCIE_REPLAY_COUNTER', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Total number of PCIe retries.'),
  gauge('DCGM_FI_DEV_XID_ERRORS', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Value of the last XID error encountered.'),
  counter('DCGM_FI_DEV_POWER_VIOLATION', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Throttling duration due to power constraints (in us).'),
  counter('DCGM_FI_DEV_THERMAL_VIOLATION', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Throttling duration due to thermal constraints (in us).'),
  counter('DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Number of remapped rows for uncorrectable errors.'),
  counter('DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Number of remapped rows for correctable errors.'),
  gauge('DCGM_FI_DEV_ROW_REMAP_FAILURE', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Whether remapping of rows has failed.'),
  // Present on GPUs joined by NVLink: parameter exchange between GPUs of one host shows here.
  counter('DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Total number of NVLink bandwidth counters for all lanes.'),
]);

const DEFAULTS = Object.freeze({
  image: GPU_EXPORTER_SETTINGS.image,
  resources: GPU_EXPORTER_SETTINGS.resources,
  counters: DCGM_COUNTERS,
});

const PORT = 9400;
const COUNTERS_DIR = '/etc/monstack/dcgm';
const COUNTERS_FILE = 'counters.csv';

/** dcgm-exporter's collectors file: `field, type, help` per line. */
export function countersCsv(counters: readonly MetricFamily[]): string {
  const lines = counters.map((c) => {
    if (c.type !== 'gauge' && c.type !== 'counter') throw new Error(`GpuExporterProps.counters: ${c.name} must be a gauge or a counter, not a ${c.type}`);
    if (!/^DCGM_FI_[A-Z0-9_]+$/.test(c.name)) throw new Error(`GpuExporterProps.counters: "${c.name}" is not a DCGM field name (DCGM_FI_…)`);
    // Commas separate the CSV's columns; a help text keeps its words.
    return `${c.name}, ${c.type}, ${(c.help ?? c.name).replace(/,/g, ';')}`;
  });
  return `# DCGM field, Prometheus type, help (generated by monstack)\n${lines.join('\n')}\n`;
}

/** NVIDIA GPU metrics through DCGM, one copy per GPU host. */
export class GpuExporter extends Component {
  readonly serviceName = 'gpu-exporter';
  readonly port = PORT;
  private readonly props: GpuExporterProps;

  constructor(scope: Construct, id: string, props: GpuExporterProps = {}) {
    super(scope, id);
    this.props = props;
    countersCsv(props.counters ?? DEFAULTS.counters);
  }

  describe(): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    return {
      name: this.serviceName,
      description: 'NVIDIA GPU metrics (DCGM): utilisation, memory, temperature, power, errors',
      image: p.image,
      workload: 'DaemonSet',
      replicas: 1,
      // The image's entrypoint rewrites the binary's file capabilities and the linker cache, which a
      // read-only root filesystem forbids and which only matter for profiling metrics: start the binary.
      command: ['/usr/bin/dcgm-exporter'],
      args: [`--collectors=${COUNTERS_DIR}/${COUNTERS_FILE}`, `--address=:${PORT}`, '--collect-interval=15000'],
      env: { NVIDIA_VISIBLE_DEVICES: 'all' },
      ports: [{ name: 'metrics', port: PORT }],
      health: {
        port: 'metrics',
        path: '/health',
        // The Ubuntu image has bash but neither curl nor wget.
        command: httpCheckCommand(IMAGE_FACTS.gpuExporter, PORT, '/health'),
        // DCGM's host engine takes a while to enumerate the GPUs.
        initialDelaySeconds: 30,
      },
      resources: mergeResources(DEFAULTS.resources, this.props.resources),
      configs: [{ name: 'gpu-exporter-counters', mountPath: COUNTERS_DIR, files: { [COUNTERS_FILE]: countersCsv(p.counters) } }],
      scratch: ['/tmp'],
      privileges: {
        runAsRoot:
          "DCGM's embedded host engine opens the NVIDIA driver's device nodes and management interface, which NVIDIA " +
          'supports as root only; no capability is added (SYS_ADMIN would enable the profiling metrics, left out)',
      },
      // Absent by design where no GPU is: Kubernetes schedules it on GPU nodes only, compose under `--profile gpu`.
      needsGpu: true,
      scrape: [{ job: 'gpu-exporter', port: 'metrics', labels: { optional: 'true' } }],
      metrics: p.counters,
    };
  }
}
