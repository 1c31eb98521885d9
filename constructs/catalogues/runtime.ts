/**
 * Families every Go binary built with client_golang exposes (the default Go and process collectors).
 * Prometheus, Alertmanager, Grafana, Loki, Promtail and the Go exporters all carry them.
 */
import { counter, gauge, MetricFamily, summary } from '../metrics';

export const GO_RUNTIME: readonly MetricFamily[] = [
  gauge('go_goroutines', [], 'Goroutines that currently exist'),
  gauge('go_threads', [], 'OS threads created'),
  gauge('go_info', ['version'], 'Go version, as a label'),
  summary('go_gc_duration_seconds', [], 'Pause duration of garbage collection cycles'),
  gauge('go_memstats_alloc_bytes', [], 'Heap bytes allocated and in use'),
  counter('go_memstats_alloc_bytes_total', [], 'Heap bytes allocated, even if freed'),
  gauge('go_memstats_heap_alloc_bytes', [], 'Heap bytes allocated and in use'),
  gauge('go_memstats_heap_inuse_bytes', [], 'Heap bytes in in-use spans'),
  gauge('go_memstats_heap_sys_bytes', [], 'Heap bytes obtained from the OS'),
  gauge('go_memstats_sys_bytes', [], 'Bytes obtained from the OS'),
  gauge('go_memstats_next_gc_bytes', [], 'Heap size at which the next GC runs'),
];

export const PROCESS: readonly MetricFamily[] = [
  counter('process_cpu_seconds_total', [], 'User and system CPU time spent'),
  gauge('process_resident_memory_bytes', [], 'Resident memory size'),
  gauge('process_virtual_memory_bytes', [], 'Virtual memory size'),
  gauge('process_virtual_memory_max_bytes', [], 'Largest virtual memory available'),
  gauge('process_open_fds', [], 'Open file descriptors'),
  gauge('process_max_fds', [], 'File descriptor limit'),
  gauge('process_start_time_seconds', [], 'Start time since the Unix epoch'),
];

/** The Go runtime and process families together, as most Go services expose them. */
export const GO_SERVICE: readonly MetricFamily[] = [...GO_RUNTIME, ...PROCESS];
