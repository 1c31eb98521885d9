/** Prometheus' rule files as PrometheusRules: one per file, its groups as Prometheus loads them. */
import { MonitoringStack } from '../../../constructs';
import { PromRuleGroup } from '../../../constructs/rule-file';
import { DNS_SUBDOMAIN } from '../../config/kubernetes-names';

/**
 * The operator writes each PrometheusRule into a ConfigMap key `<namespace>-<name>-<uid>.yaml`, and a
 * key holds at most 253 characters: with the 36 of the uid, namespace and name share 210.
 */
const RULE_KEY_ROOM = 253 - '-'.length * 2 - 36 - '.yaml'.length;

export const prometheusRuleName = (file: string) => `monstack-${file.replace(/\.ya?ml$/, '').replace(/[^a-z0-9-]+/g, '-')}`;

/**
 * Each alert with the stack's `environment` label, which the k8s target's Prometheus adds as an external
 * label: the routing groups by it, inhibits within it and titles its messages with it, and the cluster's
 * Prometheus has its own external labels. A label the rule sets itself stays.
 */
function withEnvironment(groups: readonly PromRuleGroup[], environment: string): PromRuleGroup[] {
  return groups.map((g) => ({
    ...g,
    rules: g.rules.map((r) => (r.alert === undefined || r.labels?.environment !== undefined ? r : { ...r, labels: { ...r.labels, environment } })),
  }));
}

export function renderPrometheusRules(stack: MonitoringStack, namespace: string, selectorLabels: Readonly<Record<string, string>>, environment: string): object[] {
  const files = [...(stack.prometheus?.ruleFiles ?? new Map())];
  const byName = new Map<string, string>();
  for (const [file] of files) {
    const name = prometheusRuleName(file);
    const problem =
      !DNS_SUBDOMAIN.test(name) ? 'which Kubernetes refuses (a lower-case DNS name: letters, digits, "-" and ".", starting and ending with a letter or digit)'
      : namespace.length + name.length > RULE_KEY_ROOM ? `too long for the operator's rule file key "<namespace>-<name>-<uid>.yaml" (253 characters at most; namespace and name may take ${RULE_KEY_ROOM})`
      : byName.has(name) ? `as rule file "${byName.get(name)}" does, and one would replace the other`
      : undefined;
    if (problem) throw new Error(`operator target: rule file "${file}" would be the PrometheusRule "${name}", ${problem}: rename the rule file`);
    byName.set(name, file);
  }
  return files.map(([file, contents]) => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: prometheusRuleName(file),
      namespace,
      labels: { 'app.kubernetes.io/part-of': 'monstack', 'app.kubernetes.io/managed-by': 'monstack', ...selectorLabels },
    },
    spec: { groups: withEnvironment(contents.groups, environment) },
  }));
}
