/**
 * What the cluster's Prometheus scrapes, as the operator's resources: a ServiceMonitor per scrape job of
 * a service the stack runs (a PodMonitor where no Service of its own selects just those pods), a
 * PodMonitor for the application, and a ScrapeConfig for each job an extension added.
 */
import { ApplicationTarget, MonitoringStack, ResolvedServiceSpec, StackScrapeTarget } from '../../../constructs';
import { Platform } from '../../../constructs/platform';
import { toOperatorFields } from './relabel';

export interface MonitorContext {
  readonly namespace: string;
  /** Labels the operator's selectors match (release: kube-prometheus-stack). */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** The services this output runs: only these get monitors. */
  readonly running: readonly ResolvedServiceSpec[];
}

const PART_OF = { 'app.kubernetes.io/part-of': 'monstack', 'app.kubernetes.io/managed-by': 'monstack' };
const podSelector = (service: string) => ({ 'app.kubernetes.io/name': service, 'app.kubernetes.io/part-of': 'monstack' });

/** Relabellings every endpoint gets: the job named as in the other targets, the node, the endpoint's fixed labels. */
function endpointRelabelings(job: string, labels: Readonly<Record<string, string>>): object[] {
  return [
    { targetLabel: 'job', replacement: job, action: 'replace' },
    { sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node', action: 'replace' },
    ...Object.keys(labels)
      .sort()
      .map((name) => ({ targetLabel: name, replacement: labels[name], action: 'replace' })),
  ];
}

function stackMonitor(target: StackScrapeTarget, spec: ResolvedServiceSpec, ctx: MonitorContext): object {
  const e = target.endpoint;
  // A monitor takes a user and password only as keys of a Secret beside it, and the stack keeps no user
  // name in a Secret: leaving the credential out would scrape into 401s unseen.
  if (e.basicAuth) {
    throw new Error(`operator target: scrape job "${e.job}" signs in as "${e.basicAuth.username}", which a ServiceMonitor or PodMonitor takes only from Secret keys; scrape ${spec.name} without a password, or list it in the cluster's own monitoring`);
  }
  const endpoint = {
    port: e.port,
    path: e.path ?? '/metrics',
    ...(e.interval ? { interval: e.interval } : {}),
    relabelings: endpointRelabelings(e.job, e.labels ?? {}),
    ...(e.metricRelabelings?.length ? { metricRelabelings: toOperatorFields(e.metricRelabelings) } : {}),
  };
  const port = spec.ports.find((p) => p.name === e.port);
  // The Service selects the pods by these labels; a peers Service carries them too and would double
  // every target, so a clustered service (and a port only its peers see) is watched pod by pod.
  const hasOwnService = !spec.peerDiscovery && port !== undefined && !port.peerOnly && !port.probeOnly;
  const metadata = { name: e.job, namespace: ctx.namespace, labels: { ...PART_OF, ...ctx.selectorLabels } };
  const selection = { selector: { matchLabels: podSelector(spec.name) }, namespaceSelector: { matchNames: [ctx.namespace] } };
  return hasOwnService
    ? { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata, spec: { ...selection, endpoints: [endpoint] } }
    : { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata, spec: { ...selection, podMetricsEndpoints: [endpoint] } };
}

/** The application's pods in any namespace, as the k8s target's pod discovery finds them. */
function applicationMonitor(app: ApplicationTarget, ctx: MonitorContext): object {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    // An object name is lower case and has no "_"; the job label itself is set below, as the job is spelt.
    metadata: { name: app.job.toLowerCase().replace(/_/g, '-'), namespace: ctx.namespace, labels: { ...PART_OF, ...ctx.selectorLabels } },
    spec: {
      // The application's pods carry app.kubernetes.io/part-of=<job> and name their metrics port "metrics".
      selector: { matchLabels: { 'app.kubernetes.io/part-of': app.job } },
      namespaceSelector: { any: true },
      podMetricsEndpoints: [
        {
          port: 'metrics',
          path: app.metricsPath,
          relabelings: [
            { targetLabel: 'job', replacement: app.job, action: 'replace' },
            // The usual annotations still opt a pod out or move its path or port.
            { sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'], regex: 'false', action: 'drop' },
            { sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_path'], regex: '(.+)', targetLabel: '__metrics_path__', action: 'replace' },
            {
              sourceLabels: ['__address__', '__meta_kubernetes_pod_annotation_prometheus_io_port'],
              regex: '([^:]+)(?::\\d+)?;(\\d+)',
              replacement: '$1:$2',
              targetLabel: '__address__',
              action: 'replace',
            },
            { sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node', action: 'replace' },
            { sourceLabels: ['__meta_kubernetes_pod_label_agent_id'], regex: '(.+)', targetLabel: 'agent_id', action: 'replace' },
          ],
        },
      ],
    },
  };
}

/** A job an extension added, its Prometheus configuration in the ScrapeConfig resource's field names. */
function addedJobResource(name: string, config: object, ctx: MonitorContext): object {
  const { jobName: _named, ...spec } = toOperatorFields(config) as Record<string, unknown>;
  return {
    apiVersion: 'monitoring.coreos.com/v1alpha1',
    kind: 'ScrapeConfig',
    metadata: { name, namespace: ctx.namespace, labels: { ...PART_OF, ...ctx.selectorLabels } },
    spec: { jobName: name, ...spec },
  };
}

/** Every monitor of the stack, in the order of its scrape jobs. */
export function renderMonitors(stack: MonitoringStack, platform: Platform, ctx: MonitorContext): object[] {
  const prometheus = stack.prometheus;
  if (!prometheus) return [];
  prometheus.scrapeJobNames(platform);
  const running = new Map(ctx.running.map((s) => [s.name, s]));
  const monitors: object[] = [];
  for (const target of prometheus.stackScrapeTargets(platform)) {
    // The cluster scrapes its own Prometheus, Alertmanager, Grafana and exporters.
    const spec = running.get(target.service);
    if (spec) monitors.push(stackMonitor(target, spec, ctx));
  }
  if (prometheus.application) monitors.push(applicationMonitor(prometheus.application, ctx));
  for (const job of prometheus.addedJobs) monitors.push(addedJobResource(job.jobName, job.render(platform), ctx));
  return monitors;
}
