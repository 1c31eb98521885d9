/**
 * Strict Kubernetes 1.28 schema validation: every object is checked against the vendored API
 * definitions with unknown fields rejected (as `kubectl apply --validate=strict` does), list-maps
 * holding each key once, and int32/int64 fields in range.
 */
import * as fs from 'fs';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { VENDORED_SCHEMA } from './vendor-schema';
import { Manifest, Obj } from './output';
import { jsonPath, Problem } from './problem';
import { pointerSegments } from '../util/json-pointer';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface VendoredSchema {
  readonly kinds: Record<string, string>;
  readonly definitions: Record<string, { [key: string]: Json }>;
}

/** The definitions reject unknown fields: every object schema that lists properties gets `additionalProperties: false`. */
export function closeObjects(value: Json): Json {
  if (Array.isArray(value)) return value.map(closeObjects);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = key === 'properties' && child !== null && typeof child === 'object' && !Array.isArray(child)
      ? Object.fromEntries(Object.entries(child).map(([field, schema]) => [field, closeObjects(schema)]))
      : closeObjects(child);
  }
  if ('properties' in out && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

function listKey(item: unknown, keys: readonly string[]): string {
  const record = (item ?? {}) as Obj;
  return JSON.stringify(keys.map((k) => record[k] ?? null));
}

export function createAjv(options: ConstructorParameters<typeof Ajv>[0] = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false, validateFormats: true, ...options });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addKeyword({ keyword: 'x-kubernetes-list-map-keys', schemaType: 'array' });
  ajv.addKeyword({
    keyword: 'x-kubernetes-list-type',
    type: 'array',
    schemaType: 'string',
    // The keys of a list-map sit beside the type in the same schema: read them from the parent schema.
    validate: function listType(this: unknown, type: string, data: unknown[], parentSchema?: { [key: string]: Json }) {
      if (type === 'atomic') return true;
      const keys = type === 'map' ? ((parentSchema?.['x-kubernetes-list-map-keys'] as string[] | undefined) ?? []) : [];
      const seen = new Set<string>();
      for (const item of data) {
        const key = type === 'map' ? listKey(item, keys) : JSON.stringify(item);
        if (seen.has(key)) {
          (listType as unknown as { errors: Partial<ErrorObject>[] }).errors = [
            { keyword: 'x-kubernetes-list-type', message: type === 'map' ? `has two entries with the same ${keys.join('+')} ${key}` : `has the value ${key} twice`, params: {} },
          ];
          return false;
        }
        seen.add(key);
      }
      return true;
    },
    errors: true,
  });
  return ajv;
}

let cached: { ajv: Ajv; kinds: Record<string, string>; compiled: Map<string, ValidateFunction> } | undefined;

function validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
  if (!cached) {
    const vendored = JSON.parse(fs.readFileSync(VENDORED_SCHEMA, 'utf8')) as VendoredSchema;
    const ajv = createAjv();
    ajv.addSchema({ $id: 'k8s', definitions: closeObjects(vendored.definitions as unknown as Json) }, 'k8s');
    cached = { ajv, kinds: vendored.kinds, compiled: new Map() };
  }
  const definition = cached.kinds[`${apiVersion}/${kind}`];
  if (!definition) return undefined;
  let validate = cached.compiled.get(definition);
  if (!validate) {
    validate = cached.ajv.compile({ $ref: `k8s#/definitions/${definition}` });
    cached.compiled.set(definition, validate);
  }
  return validate;
}

/** One message per place: an int-or-string's failed branches collapse into the `oneOf` error. */
export function describeErrors(errors: readonly ErrorObject[]): { path: string; message: string }[] {
  const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.schemaPath));
  const out: { path: string; message: string }[] = [];
  for (const e of errors) {
    if ([...oneOfAt].some((p) => e.schemaPath.startsWith(p.replace(/\/oneOf$/, '/oneOf/')))) continue;
    const segments = pointerSegments(e.instancePath);
    if (e.keyword === 'additionalProperties') {
      const field = (e.params as { additionalProperty: string }).additionalProperty;
      out.push({ path: jsonPath([...segments, field]), message: `unknown field "${field}"` });
    } else if (e.keyword === 'required') {
      out.push({ path: jsonPath(segments) || '.', message: `missing required field "${(e.params as { missingProperty: string }).missingProperty}"` });
    } else if (e.keyword === 'oneOf') {
      out.push({ path: jsonPath(segments), message: 'must be an integer or a string (int-or-string / quantity)' });
    } else if (e.keyword === 'enum') {
      out.push({ path: jsonPath(segments), message: `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` });
    } else {
      out.push({ path: jsonPath(segments) || '.', message: e.message ?? e.keyword });
    }
  }
  return out.filter((x, i) => out.findIndex((y) => y.path === x.path && y.message === x.message) === i);
}

export function checkSchema(manifests: readonly Manifest[]): Problem[] {
  const problems: Problem[] = [];
  for (const m of manifests) {
    const { apiVersion, kind } = m.doc;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      problems.push({ file: m.file, object: m.id, check: 'schema', message: 'has no apiVersion/kind' });
      continue;
    }
    const validate = validatorFor(apiVersion, kind);
    if (!validate) {
      problems.push({ file: m.file, object: m.id, path: '.kind', check: 'schema', message: `${apiVersion} ${kind} is not a Kubernetes 1.28 kind the validator knows (see src/validate/vendor-schema.ts)` });
      continue;
    }
    if (!validate(m.doc)) {
      for (const e of describeErrors(validate.errors ?? [])) problems.push({ file: m.file, object: m.id, path: e.path, check: 'schema', message: e.message });
    }
    if (typeof m.doc.metadata?.name !== 'string' || m.doc.metadata.name === '') {
      problems.push({ file: m.file, object: m.id, path: '.metadata.name', check: 'schema', message: 'every object needs a name' });
    }
  }
  return problems;
}
