/**
 * A dashboard travels as a ConfigMap, and `kubectl apply` (client side) copies the whole object into
 * its last-applied-configuration annotation, which may hold 256 KiB at most. A dashboard whose
 * ConfigMap would not fit fails here, by name, rather than at apply time. The ConfigMap is measured in
 * the longest namespace Kubernetes allows, so the check holds wherever it is applied (the stack's
 * namespace, or the cluster's monitoring namespace for the operator target).
 */
export const MAX_CONFIGMAP_BYTES = 256 * 1024;
/** A namespace name of the most characters allowed (a DNS label: 63). */
const LONGEST_NAMESPACE = 'n'.repeat(63);

export interface SizedDashboard {
  readonly uid: string;
  readonly title: string;
  readonly json: string;
}

/** Bytes of the dashboard's ConfigMap as the annotation would store it (compact JSON). */
export function dashboardConfigMapBytes(dashboard: SizedDashboard, configMapName: string, fileName: string): number {
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: configMapName, namespace: LONGEST_NAMESPACE, labels: { grafana_dashboard: '1' } },
    data: { [fileName]: dashboard.json },
  };
  return Buffer.byteLength(JSON.stringify(configMap), 'utf8');
}

export function checkDashboardSize(dashboard: SizedDashboard, configMapName: string, fileName: string): void {
  const bytes = dashboardConfigMapBytes(dashboard, configMapName, fileName);
  if (bytes >= MAX_CONFIGMAP_BYTES) {
    throw new Error(
      `dashboard "${dashboard.title}" (uid ${dashboard.uid}) renders to a ${bytes}-byte ConfigMap; ` +
        `it must stay under ${MAX_CONFIGMAP_BYTES} bytes (256 KiB, the kubectl apply annotation limit): split it or trim panels`,
    );
  }
}
