/** Prometheus' rule files as PrometheusRules: one per file, its groups as Prometheus loads them. */
import { MonitoringStack } from '../../../constructs';

export function renderPrometheusRules(stack: MonitoringStack, namespace: string, selectorLabels: Readonly<Record<string, string>>): object[] {
  const files = stack.prometheus?.ruleFiles ?? new Map();
  return [...files].map(([file, contents]) => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: `monstack-${file.replace(/\.ya?ml$/, '').replace(/[^a-z0-9-]+/g, '-')}`,
      namespace,
      labels: { 'app.kubernetes.io/part-of': 'monstack', 'app.kubernetes.io/managed-by': 'monstack', ...selectorLabels },
    },
    spec: { groups: contents.groups },
  }));
}
