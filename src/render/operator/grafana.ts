/**
 * Dashboards and datasources for the cluster's Grafana, whose sidecars load ConfigMaps labelled
 * `grafana_dashboard: "1"` and `grafana_datasource: "1"` from its namespace.
 */
import { dashboardConfigMapName, dashboardFileName, IDatasource, MonitoringStack, renderDatasources } from '../../../constructs';

const LABELS = { 'app.kubernetes.io/part-of': 'monstack', 'app.kubernetes.io/managed-by': 'monstack' };
/** The folder the sidecar files the dashboards in, where `sidecar.dashboards.folderAnnotation` names this annotation. */
export const FOLDER_ANNOTATION = 'grafana_folder';
export const DATASOURCES_CONFIGMAP = 'monstack-grafana-datasources';

export function renderDashboardConfigMaps(stack: MonitoringStack, namespace: string): object[] {
  return (stack.grafana?.provisionedDashboards ?? []).map((d) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: dashboardConfigMapName(d.uid),
      namespace,
      labels: { ...LABELS, grafana_dashboard: '1' },
      annotations: { [FOLDER_ANNOTATION]: 'Dynamic Graph Fed-RL' },
    },
    data: { [dashboardFileName(d.uid)]: d.json },
  }));
}

/**
 * The stack's datasources as the cluster's Grafana reaches them: its services by their names in the
 * stack's namespace, Prometheus at the cluster's own.
 */
export function renderDatasourceConfigMap(stack: MonitoringStack, stackNamespace: string, grafanaNamespace: string, prometheusUrl: string): object | undefined {
  const grafana = stack.grafana;
  if (!grafana) return undefined;
  const datasources = grafana.datasourceList.map((d): IDatasource => {
    if (d.service.name === stack.prometheus?.serviceName) {
      // The cluster's Prometheus, not the stack's: the stack's web user and its password variable are
      // neither known to it nor set in the cluster Grafana's environment.
      const { basicAuth: _user, basicAuthUser: _name, secureJsonData, ...rest } = d;
      const { basicAuthPassword: _password, ...otherSecrets } = secureJsonData ?? {};
      return { ...rest, url: prometheusUrl, ...(Object.keys(otherSecrets).length ? { secureJsonData: otherSecrets } : {}) };
    }
    const url = new URL(d.url);
    if (url.hostname === d.service.name) url.hostname = `${d.service.name}.${stackNamespace}.svc`;
    return { ...d, url: url.toString().replace(/\/$/, d.url.endsWith('/') ? '/' : '') };
  });
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: DATASOURCES_CONFIGMAP, namespace: grafanaNamespace, labels: { ...LABELS, grafana_datasource: '1' } },
    data: { 'monstack-datasources.yaml': renderDatasources(datasources) },
  };
}
