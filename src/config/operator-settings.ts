/**
 * The `operator:` section: how the `operator` target meets a cluster that already runs the Prometheus
 * Operator (kube-prometheus-stack): the labels its selectors match, where its Prometheus, Alertmanager and
 * Grafana live, and which exporters it runs already.
 */
import { DNS_LABEL, labelMapSchema } from './kubernetes-names';

/** Exporters a cluster may run already (kube-prometheus-stack runs node-exporter). */
export const CLUSTER_EXPORTERS = ['node-exporter', 'cadvisor', 'gpu-exporter', 'redis-exporter', 'postgres-exporter', 'elasticsearch-exporter', 'logstash-exporter'] as const;
export type ClusterExporter = (typeof CLUSTER_EXPORTERS)[number];

export interface OperatorSettings {
  /** Labels the operator's selectors match, put on every monitor and PrometheusRule. @default { release: kube-prometheus-stack } */
  selectorLabels?: { [label: string]: string };
  /** Namespace of the cluster's Prometheus, Alertmanager and Grafana. @default monitoring */
  namespace?: string;
  /** The cluster's Prometheus as Grafana reaches it. @default http://kube-prometheus-stack-prometheus.<namespace>.svc:9090 */
  prometheusUrl?: string;
  /** Exporters the cluster runs already, scraped under the same job names: not rendered, their metrics count. @default [node-exporter] */
  clusterExporters?: ClusterExporter[];
}

export interface ResolvedOperatorSettings {
  readonly selectorLabels: Readonly<Record<string, string>>;
  readonly namespace: string;
  readonly prometheusUrl: string;
  /** Only exporters the environment enables: a default cannot name one it turned off. */
  readonly clusterExporters: readonly ClusterExporter[];
}

export const DEFAULT_OPERATOR_NAMESPACE = 'monitoring';
export const DEFAULT_SELECTOR_LABELS = { release: 'kube-prometheus-stack' } as const;
const DEFAULT_CLUSTER_EXPORTERS: readonly ClusterExporter[] = ['node-exporter'];

/** `operator:` left empty in YAML (null) means what leaving it out means: the defaults. */
export function resolveOperatorSettings(given: OperatorSettings | null | undefined, isEnabled: (component: string) => boolean): ResolvedOperatorSettings {
  const settings = given ?? {};
  const namespace = settings.namespace ?? DEFAULT_OPERATOR_NAMESPACE;
  return {
    selectorLabels: settings.selectorLabels ?? DEFAULT_SELECTOR_LABELS,
    namespace,
    prometheusUrl: settings.prometheusUrl ?? `http://kube-prometheus-stack-prometheus.${namespace}.svc:9090`,
    clusterExporters: (settings.clusterExporters ?? DEFAULT_CLUSTER_EXPORTERS).filter((name) => isEnabled(name)),
  };
}

/** Key paths of operator settings that would change nothing: an exporter the cluster runs, listed while the environment turns it off. */
export function idleOperatorSettings(settings: OperatorSettings | undefined, isEnabled: (component: string) => boolean): string[][] {
  return (settings?.clusterExporters ?? []).flatMap((name, i) => (isEnabled(name) ? [] : [['operator', 'clusterExporters', String(i)]]));
}


export const operatorSettingsSchema = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  properties: {
    selectorLabels: labelMapSchema,
    namespace: { type: 'string', pattern: DNS_LABEL, nullable: true },
    prometheusUrl: { type: 'string', pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*)?$', format: 'http-url', nullable: true },
    clusterExporters: { type: 'array', nullable: true, uniqueItems: true, items: { type: 'string', enum: [...CLUSTER_EXPORTERS] } },
  },
} as never;
