/** Prometheus configuration in its own field names (snake_case) to the operator's custom-resource fields (camelCase). */

/** Keys whose values are maps of label or parameter names, which keep their spelling. */
const NAME_MAPS = new Set(['labels', 'params', 'externalLabels', 'external_labels']);

/** Fields the operator names differently from Prometheus, beyond the case. */
const RENAMED: Readonly<Record<string, string>> = {
  relabel_configs: 'relabelings',
  metric_relabel_configs: 'metricRelabelings',
};

function camel(key: string): string {
  if (RENAMED[key]) return RENAMED[key];
  const sd = /^(.+)_sd_configs$/.exec(key);
  if (sd) return `${camel(sd[1])}SDConfigs`;
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Kubernetes discovery roles as the ScrapeConfig resource spells them. */
const KUBERNETES_ROLES: Readonly<Record<string, string>> = {
  pod: 'Pod', endpoints: 'Endpoints', endpointslice: 'EndpointSlice', service: 'Service', node: 'Node', ingress: 'Ingress',
};

/** The same structure with every field name in the operator's spelling; label maps are left as they are. */
export function toOperatorFields(value: unknown, parent?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => toOperatorFields(v, parent));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      if (parent === 'kubernetes_sd_configs' && key === 'role' && typeof child === 'string') return [key, KUBERNETES_ROLES[child] ?? child];
      return [camel(key), NAME_MAPS.has(key) ? child : toOperatorFields(child, key)];
    }),
  );
}
