/**
 * The routing as a configuration Secret for the cluster's Alertmanager (kube-prometheus-stack's
 * `alertmanager.alertmanagerSpec.configSecret`). An AlertmanagerConfig would not do: the operator adds
 * `namespace="<its namespace>"` to every route of one, and most of the stack's alerts (hosts, the
 * Watchdog, recording-rule alerts) carry no such label, so they would never reach a receiver.
 * Receiver credentials stay file references: the chart mounts `alertmanagerSpec.secrets` under
 * /etc/alertmanager/secrets/<name>/, and the Secret holds no credential value.
 */
import { MonitoringStack, RECEIVERS_SECRET } from '../../../constructs';
import { toYaml } from '../../../constructs/yaml';

export const ALERTMANAGER_CONFIG_SECRET = 'alertmanager-monstack';
/** The key the operator reads a configSecret's configuration from. */
export const ALERTMANAGER_CONFIG_KEY = 'alertmanager.yaml';
/** Where the chart mounts the Secret named in `alertmanagerSpec.secrets`. */
export const RECEIVERS_DIR = `/etc/alertmanager/secrets/${RECEIVERS_SECRET}`;

export function renderAlertmanagerConfigSecret(stack: MonitoringStack, namespace: string): object | undefined {
  if (!stack.alertmanager) return undefined;
  const { config } = stack.alertmanager.routingConfig(RECEIVERS_DIR);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: ALERTMANAGER_CONFIG_SECRET, namespace, labels: { 'app.kubernetes.io/part-of': 'monstack', 'app.kubernetes.io/managed-by': 'monstack' } },
    type: 'Opaque',
    stringData: { [ALERTMANAGER_CONFIG_KEY]: toYaml(config) },
  };
}
