/**
 * The Prometheus Operator's custom resources checked against its own CRD schemas (v0.93.0, vendored by
 * vendor-operator-schemas.ts), as strictly as the Kubernetes kinds: every object schema that lists its
 * fields rejects others (the API server would prune them silently, so a misspelt field would just do
 * nothing), and metadata is checked as the 1.28 ObjectMeta. Go's regular expressions take inline flags
 * (`(?i)`) that JavaScript's do not: a leading flag group becomes the RegExp's flag. The one CEL rule
 * (ScrapeConfig: at most one of basicAuth, authorization and oauth2) is checked by hand.
 */
import * as fs from 'fs';
import { ValidateFunction } from 'ajv';
import { createAjv, closeObjects, describeErrors, Json } from './kubernetes-schema';
import { VENDORED_SCHEMA } from './vendor-schema';
import { VENDORED_OPERATOR_SCHEMA } from './vendor-operator-schemas';
import { Manifest } from './output';
import { Problem } from './problem';

export const OPERATOR_GROUP = 'monitoring.coreos.com';

/** A Go pattern as a JavaScript RegExp: `(?i)` (anywhere as a prefix group) turns into the `i` flag. */
export function goRegExp(pattern: string, flags: string): RegExp {
  const inline = /^(\^?)\(\?([imsU]+)\)/.exec(pattern);
  if (!inline) return new RegExp(pattern, flags);
  const extra = inline[2].replace(/U/g, '');
  return new RegExp(`${inline[1]}${pattern.slice(inline[0].length)}`, [...new Set(flags + extra)].join(''));
}
(goRegExp as unknown as { code: string }).code = 'new RegExp';

let cached: { compiled: Map<string, ValidateFunction>; kinds: Record<string, Json>; ajv: ReturnType<typeof createAjv> } | undefined;

function validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
  if (!cached) {
    const ajv = createAjv({ code: { regExp: goRegExp as never } });
    for (const keyword of ['x-kubernetes-int-or-string', 'x-kubernetes-map-type', 'x-kubernetes-validations', 'x-kubernetes-preserve-unknown-fields']) ajv.addKeyword({ keyword });
    const k8s = JSON.parse(fs.readFileSync(VENDORED_SCHEMA, 'utf8')) as { definitions: Json };
    ajv.addSchema({ $id: 'k8s', definitions: closeObjects(k8s.definitions) }, 'k8s');
    const vendored = JSON.parse(fs.readFileSync(VENDORED_OPERATOR_SCHEMA, 'utf8')) as { kinds: Record<string, Json> };
    cached = { ajv, kinds: vendored.kinds, compiled: new Map() };
  }
  const key = `${apiVersion}/${kind}`;
  const schema = cached.kinds[key] as { [k: string]: Json } | undefined;
  if (!schema) return undefined;
  let validate = cached.compiled.get(key);
  if (!validate) {
    const closed = closeObjects(schema) as { properties: Record<string, Json> };
    closed.properties = { ...closed.properties, metadata: { $ref: 'k8s#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' } };
    validate = cached.ajv.compile(closed);
    cached.compiled.set(key, validate);
  }
  return validate;
}

export function isOperatorResource(m: Manifest): boolean {
  return typeof m.doc.apiVersion === 'string' && m.doc.apiVersion.startsWith(`${OPERATOR_GROUP}/`);
}

/** Problems of the operator's resources among the manifests (the others are the Kubernetes schema's). */
export function checkOperatorSchema(manifests: readonly Manifest[]): Problem[] {
  const problems: Problem[] = [];
  for (const m of manifests.filter(isOperatorResource)) {
    const { apiVersion, kind } = m.doc;
    const validate = validatorFor(apiVersion, String(kind));
    if (!validate) {
      problems.push({ file: m.file, object: m.id, path: '.kind', check: 'operator schema', message: `${apiVersion} ${kind} is not a Prometheus Operator v0.93.0 kind the validator knows (see src/validate/vendor-operator-schemas.ts)` });
      continue;
    }
    if (!validate(m.doc)) {
      for (const e of describeErrors(validate.errors ?? [])) problems.push({ file: m.file, object: m.id, path: e.path, check: 'operator schema', message: e.message });
    }
    if (kind === 'ScrapeConfig') {
      const auth = ['basicAuth', 'authorization', 'oauth2'].filter((f) => m.doc.spec?.[f] !== undefined);
      if (auth.length > 1) problems.push({ file: m.file, object: m.id, path: '.spec', check: 'operator schema', message: `at most one of basicAuth, authorization and oauth2 (has ${auth.join(', ')})` });
    }
    if (typeof m.doc.metadata?.name !== 'string' || m.doc.metadata.name === '') {
      problems.push({ file: m.file, object: m.id, path: '.metadata.name', check: 'operator schema', message: 'every object needs a name' });
    }
  }
  return problems;
}
