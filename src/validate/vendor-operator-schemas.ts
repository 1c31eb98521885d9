/**
 * Regenerates src/validate/prometheus-operator-0.93.schema.json from the Prometheus Operator v0.93.0
 * CRDs (../shared/schemas/prometheus-operator/): the openAPIV3Schema of each kind the operator target
 * renders, without descriptions, keyed "monitoring.coreos.com/v1/ServiceMonitor".
 * Run: node lib/src/validate/vendor-operator-schemas.js CRD_DIR
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { PACKAGE_ROOT } from '../paths';

/** The CRDs whose kinds the operator target renders (no AlertmanagerConfig: see render/operator/alertmanager.ts). */
export const VENDORED_CRDS: readonly string[] = [
  'monitoring.coreos.com_podmonitors.yaml',
  'monitoring.coreos.com_prometheusrules.yaml',
  'monitoring.coreos.com_scrapeconfigs.yaml',
  'monitoring.coreos.com_servicemonitors.yaml',
];

export const VENDORED_OPERATOR_SCHEMA = path.join(PACKAGE_ROOT, 'src', 'validate', 'prometheus-operator-0.93.schema.json');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Field descriptions are most of the bytes and none of the checking. */
function strip(value: Json, inProperties = false): Json {
  if (Array.isArray(value)) return value.map((v) => strip(v));
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, child] of Object.entries(value)) {
    if (!inProperties && key === 'description') continue;
    out[key] = strip(child, !inProperties && key === 'properties');
  }
  return out;
}

interface Crd {
  spec: { group: string; names: { kind: string }; versions: { name: string; served: boolean; schema: { openAPIV3Schema: Json } }[] };
}

export function vendorOperatorSchemas(crds: readonly Crd[]): Record<string, Json> {
  const kinds: Record<string, Json> = {};
  for (const crd of crds) {
    for (const version of crd.spec.versions.filter((v) => v.served)) {
      kinds[`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`] = strip(version.schema.openAPIV3Schema);
    }
  }
  return Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b)));
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: vendor-operator-schemas CRD_DIR\n');
    process.exit(2);
  }
  const crds = VENDORED_CRDS.map((file) => yaml.load(fs.readFileSync(path.join(dir, file), 'utf8')) as Crd);
  fs.writeFileSync(VENDORED_OPERATOR_SCHEMA, `${JSON.stringify({ operatorVersion: 'v0.93.0', kinds: vendorOperatorSchemas(crds) })}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), VENDORED_OPERATOR_SCHEMA)}\n`);
}
