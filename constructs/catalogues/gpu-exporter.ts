/**
 * NVIDIA dcgm-exporter 4.x with its default counters (etc/default-counters.csv), scraped by the
 * `gpu-exporter` job. Series carry `gpu`, `UUID`, `modelName` and `Hostname` labels. The guide's
 * `nvidia_gpu_utilization_gpu` belongs to the retired nvidia_gpu_exporter and is not exposed here.
 */
import { counter, gauge, MetricFamily } from '../metrics';
import { GO_SERVICE } from './runtime';

export const GPU_EXPORTER_METRICS: readonly MetricFamily[] = [
  gauge('DCGM_FI_DEV_SM_CLOCK', 'SM clock (MHz)'),
  gauge('DCGM_FI_DEV_MEM_CLOCK', 'Memory clock (MHz)'),
  gauge('DCGM_FI_DEV_GPU_TEMP', 'GPU temperature (°C)'),
  gauge('DCGM_FI_DEV_MEMORY_TEMP', 'Memory temperature (°C)'),
  gauge('DCGM_FI_DEV_POWER_USAGE', 'Power draw (W)'),
  counter('DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION', 'Energy since boot (mJ)'),
  counter('DCGM_FI_DEV_PCIE_REPLAY_COUNTER', 'PCIe retries'),
  gauge('DCGM_FI_DEV_GPU_UTIL', 'GPU utilisation (%)'),
  gauge('DCGM_FI_DEV_MEM_COPY_UTIL', 'Memory utilisation (%)'),
  gauge('DCGM_FI_DEV_ENC_UTIL', 'Encoder utilisation (%)'),
  gauge('DCGM_FI_DEV_DEC_UTIL', 'Decoder utilisation (%)'),
  gauge('DCGM_FI_DEV_XID_ERRORS', 'Last XID error'),
  gauge('DCGM_FI_DEV_FB_FREE', 'Framebuffer memory free (MiB)'),
  gauge('DCGM_FI_DEV_FB_USED', 'Framebuffer memory used (MiB)'),
  counter('DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL', 'NVLink bandwidth counters, all lanes'),
  gauge('DCGM_FI_DEV_VGPU_LICENSE_STATUS', 'vGPU licence status'),
  counter('DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS', 'Rows remapped for uncorrectable errors'),
  counter('DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS', 'Rows remapped for correctable errors'),
  gauge('DCGM_FI_DEV_ROW_REMAP_FAILURE', 'Whether row remapping failed'),
  // Profiling fields (data-centre GPUs; absent on consumer cards)
  gauge('DCGM_FI_PROF_GR_ENGINE_ACTIVE', 'Share of time the graphics engine was active'),
  gauge('DCGM_FI_PROF_PIPE_TENSOR_ACTIVE', 'Share of cycles the tensor pipe was active'),
  gauge('DCGM_FI_PROF_DRAM_ACTIVE', 'Share of cycles device memory was busy'),
  gauge('DCGM_FI_PROF_PCIE_TX_BYTES', 'PCIe bytes sent per second'),
  gauge('DCGM_FI_PROF_PCIE_RX_BYTES', 'PCIe bytes received per second'),
  ...GO_SERVICE,
];
