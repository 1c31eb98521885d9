/**
 * NVIDIA dcgm-exporter 4.x, scraped by the `gpu-exporter` job. It exposes the DCGM fields of the
 * counters file the stack mounts (its defaults less vGPU licensing, plus power and thermal throttling),
 * each series labelled `gpu`, `UUID`, `modelName` and `Hostname`. The guide's `nvidia_gpu_utilization_gpu`
 * belongs to the retired nvidia_gpu_exporter and is not exposed here.
 */
import { counter, gauge, MetricFamily } from '../metrics';

export const GPU_EXPORTER_METRICS: readonly MetricFamily[] = [
  gauge('DCGM_FI_DEV_SM_CLOCK', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'SM clock (MHz)'),
  gauge('DCGM_FI_DEV_MEM_CLOCK', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Memory clock (MHz)'),
  gauge('DCGM_FI_DEV_GPU_TEMP', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'GPU temperature (°C)'),
  gauge('DCGM_FI_DEV_MEMORY_TEMP', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Memory temperature (°C)'),
  gauge('DCGM_FI_DEV_POWER_USAGE', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Power draw (W)'),
  counter('DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Energy since boot (mJ)'),
  counter('DCGM_FI_DEV_PCIE_REPLAY_COUNTER', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'PCIe retries'),
  gauge('DCGM_FI_DEV_GPU_UTIL', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'GPU utilisation (%)'),
  gauge('DCGM_FI_DEV_MEM_COPY_UTIL', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Memory utilisation (%)'),
  gauge('DCGM_FI_DEV_ENC_UTIL', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Encoder utilisation (%)'),
  gauge('DCGM_FI_DEV_DEC_UTIL', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Decoder utilisation (%)'),
  gauge('DCGM_FI_DEV_XID_ERRORS', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Last XID error'),
  gauge('DCGM_FI_DEV_FB_FREE', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Framebuffer memory free (MiB)'),
  gauge('DCGM_FI_DEV_FB_USED', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Framebuffer memory used (MiB)'),
  counter('DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'NVLink bandwidth counters, all lanes'),
  counter('DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Rows remapped for uncorrectable errors'),
  counter('DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Rows remapped for correctable errors'),
  gauge('DCGM_FI_DEV_ROW_REMAP_FAILURE', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Whether row remapping failed'),
  counter('DCGM_FI_DEV_POWER_VIOLATION', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Throttling for power (µs)'),
  counter('DCGM_FI_DEV_THERMAL_VIOLATION', ['Hostname', 'UUID', 'device', 'gpu', 'modelName', 'pci_bus_id'], 'Throttling for temperature (µs)'),
  // It writes the DCGM fields only: no Go runtime or process families.
];
