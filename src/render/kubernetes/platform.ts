/** How the stack finds things on Kubernetes: the API's service discovery, StatefulSet DNS names, pod logs. */
import { ApiAccess, ApplicationAddress, ApplicationTarget, ContainerRuntime, LogSources, Platform } from '../../../constructs';
import { peerServiceName } from './names';

const READ = ['get', 'list', 'watch'];

export class KubernetesPlatform implements Platform {
  constructor(private readonly namespace: string) {}

  readonly discoveryAccess: readonly ApiAccess[] = [
    { apiGroups: [''], resources: ['services', 'endpoints', 'pods', 'nodes'], verbs: READ },
    { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
    { apiGroups: [], resources: [], verbs: ['get'], nonResourceURLs: ['/metrics'] },
  ];

  endpointsDiscovery(service: string, portName: string): object {
    return {
      // EndpointSlices list every ready pod behind the Service, so each copy is scraped (or alerted) on its own.
      kubernetes_sd_configs: [{ role: 'endpointslice', namespaces: { names: [this.namespace] } }],
      relabel_configs: [
        {
          source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpointslice_port_name'],
          regex: `${service};${portName}`,
          action: 'keep',
        },
        { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
        { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
        { source_labels: ['__meta_kubernetes_pod_node_name'], target_label: 'node' },
      ],
    };
  }

  applicationScrapeConfig(app: ApplicationTarget): object {
    return {
      job_name: app.job,
      metrics_path: app.metricsPath,
      kubernetes_sd_configs: [{ role: 'pod' }],
      relabel_configs: [
        // The application's pods carry app.kubernetes.io/part-of=<job> and name their metrics port "metrics".
        { source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_part_of'], regex: app.job, action: 'keep' },
        { source_labels: ['__meta_kubernetes_pod_container_port_name'], regex: 'metrics', action: 'keep' },
        { source_labels: ['__meta_kubernetes_pod_phase'], regex: 'Running', action: 'keep' },
        // The usual annotations still opt a pod out or move its path or port.
        { source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'], regex: 'false', action: 'drop' },
        { source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_path'], regex: '(.+)', target_label: '__metrics_path__' },
        {
          source_labels: ['__address__', '__meta_kubernetes_pod_annotation_prometheus_io_port'],
          regex: '([^:]+)(?::\\d+)?;(\\d+)',
          replacement: '$1:$2',
          target_label: '__address__',
        },
        { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
        { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
        { source_labels: ['__meta_kubernetes_pod_node_name'], target_label: 'node' },
        { source_labels: ['__meta_kubernetes_pod_label_agent_id'], regex: '(.+)', target_label: 'agent_id' },
      ],
    };
  }

  peerAddresses(service: string, replicas: number, port: number): string[] {
    if (replicas < 2) return [];
    const peers = peerServiceName(service);
    return Array.from({ length: replicas }, (_, i) => `${service}-${i}.${peers}.${this.namespace}.svc:${port}`);
  }

  copies(replicas: number): number {
    return replicas;
  }

  /** Kubernetes dropped dockershim in 1.24: nodes run containerd (CRI-O keeps the same cgroup layout). */
  containerRuntime(): ContainerRuntime {
    return { name: 'containerd', stateDir: '/var/lib/containerd' };
  }

  applicationAddress(address: ApplicationAddress): string {
    return address.cluster;
  }

  logSources(): LogSources {
    return {
      reason: 'reads every pod\'s log files under /var/log/pods on its node, which belong to root',
      hostMounts: [{ name: 'pod-logs', hostPath: '/var/log/pods', mountPath: '/var/log/pods' }],
      // A DaemonSet pod has no volume of its own that outlives it: positions live on the node.
      positions: { name: 'positions', hostPath: '/var/lib/monstack/promtail', mountPath: '/run/promtail', readOnly: false },
      // Promtail keeps only the targets whose __host__ equals $HOSTNAME: the node it runs on.
      fieldEnv: { HOSTNAME: 'spec.nodeName' },
      apiAccess: [{ apiGroups: [''], resources: ['pods', 'nodes'], verbs: READ }],
      discovery: { kind: 'kubernetes-pods' },
      lines: { kind: 'files', hostDir: '/var/log/pods', format: 'cri' },
    };
  }
}

const platforms = new WeakMap<object, KubernetesPlatform>();

/**
 * The one Kubernetes platform of an environment: the stack caches each pass's descriptions by platform,
 * so the check and every Kubernetes target (k8s, operator) of a pass share one description.
 */
export function kubernetesPlatformOf(env: { readonly namespace: string }): KubernetesPlatform {
  let platform = platforms.get(env);
  if (!platform) platforms.set(env, (platform = new KubernetesPlatform(env.namespace)));
  return platform;
}
