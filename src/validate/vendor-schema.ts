/**
 * Regenerates src/validate/kubernetes-1.28.schema.json from the Kubernetes 1.28 definitions
 * (../shared/schemas/kubernetes-v1.28.0-definitions.json): only the kinds a monitoring stack can
 * render and the definitions they reach, without descriptions, with a `kinds` index
 * ("apps/v1/Deployment" → definition name). Run: node lib/src/validate/vendor-schema.js DEFINITIONS.json
 */
import * as fs from 'fs';
import * as path from 'path';
import { PACKAGE_ROOT } from '../paths';

/** The kinds the renderers may produce; a manifest of any other kind is reported as unknown. */
export const VENDORED_KINDS: readonly string[] = [
  'v1/ConfigMap',
  'v1/Namespace',
  'v1/PersistentVolumeClaim',
  'v1/Pod',
  'v1/Secret',
  'v1/Service',
  'v1/ServiceAccount',
  'v1/LimitRange',
  'v1/ResourceQuota',
  'apps/v1/DaemonSet',
  'apps/v1/Deployment',
  'apps/v1/StatefulSet',
  'batch/v1/CronJob',
  'batch/v1/Job',
  'autoscaling/v2/HorizontalPodAutoscaler',
  'networking.k8s.io/v1/Ingress',
  'networking.k8s.io/v1/NetworkPolicy',
  'policy/v1/PodDisruptionBudget',
  'rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'rbac.authorization.k8s.io/v1/Role',
  'rbac.authorization.k8s.io/v1/RoleBinding',
  'scheduling.k8s.io/v1/PriorityClass',
];

/** Extensions kept because the validator enforces them (unique keys in list-maps and sets). */
const KEPT_EXTENSIONS = new Set(['x-kubernetes-list-type', 'x-kubernetes-list-map-keys']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Definitions = Record<string, { [key: string]: Json }>;

export const VENDORED_SCHEMA = path.join(PACKAGE_ROOT, 'src', 'validate', 'kubernetes-1.28.schema.json');

function strip(value: Json, inProperties = false): Json {
  if (Array.isArray(value)) return value.map((v) => strip(v));
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, child] of Object.entries(value)) {
    // Inside `properties` the keys are field names (a field may be called `description`).
    if (!inProperties && (key === 'description' || (key.startsWith('x-kubernetes-') && !KEPT_EXTENSIONS.has(key)))) continue;
    out[key] = strip(child, !inProperties && key === 'properties');
  }
  return out;
}

function refsOf(value: Json, found: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v) => refsOf(v, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.add(child.replace('#/definitions/', ''));
      else refsOf(child, found);
    }
  }
}

export function vendorSchema(definitions: Definitions): { kinds: Record<string, string>; definitions: Definitions } {
  const kinds: Record<string, string> = {};
  for (const [name, def] of Object.entries(definitions)) {
    for (const gvk of (def['x-kubernetes-group-version-kind'] ?? []) as { group: string; version: string; kind: string }[]) {
      const key = `${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`;
      if (VENDORED_KINDS.includes(key)) kinds[key] = name;
    }
  }
  const missing = VENDORED_KINDS.filter((k) => !(k in kinds));
  if (missing.length > 0) throw new Error(`the definitions lack ${missing.join(', ')}`);
  const needed = new Set<string>();
  const queue = Object.values(kinds);
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (needed.has(name)) continue;
    if (!(name in definitions)) throw new Error(`definition ${name} is referenced but missing`);
    needed.add(name);
    const refs = new Set<string>();
    refsOf(definitions[name], refs);
    queue.push(...refs);
  }
  const kept: Definitions = {};
  for (const name of [...needed].sort()) kept[name] = strip(definitions[name]) as { [key: string]: Json };
  return { kinds: Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b))), definitions: kept };
}

if (require.main === module) {
  const source = process.argv[2];
  if (!source) {
    process.stderr.write('usage: vendor-schema DEFINITIONS.json\n');
    process.exit(2);
  }
  const { definitions } = JSON.parse(fs.readFileSync(source, 'utf8')) as { definitions: Definitions };
  fs.writeFileSync(VENDORED_SCHEMA, `${JSON.stringify(vendorSchema(definitions))}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), VENDORED_SCHEMA)}\n`);
}
