/**
 * The environment validator is compiled from the schema with each section and component moved into
 * `$defs` (src/config/schema-definitions.ts), so a run compiles only the functions its files use. It must
 * accept and refuse exactly what the schema as written does, with the same first error.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv, { ErrorObject } from 'ajv';
import * as yaml from 'js-yaml';
import { AJV_FORMATS, environmentFileValidator } from '../../src/config/precompiled-validator';
import { environmentFileSchema } from '../../src/config/schema';
import { withSectionDefinitions } from '../../src/config/schema-definitions';

const ENVIRONMENTS = path.resolve(__dirname, '..', '..', '..', 'src', 'environments');

function validator(schema: object, inlineRefs: boolean) {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, inlineRefs });
  for (const [name, format] of Object.entries(AJV_FORMATS)) ajv.addFormat(name, format);
  return ajv.compile(schema);
}

/** What the loader reads of an error: where, which rule, its parameters, the value and the keys known there. */
function firstError(errors: ErrorObject[] | null | undefined): unknown {
  const e = errors?.[0];
  if (!e) return undefined;
  return { instancePath: e.instancePath, keyword: e.keyword, params: e.params, data: e.data, known: Object.keys((e.parentSchema as { properties?: object })?.properties ?? {}) };
}

/** Each built-in file, and copies of it with an unknown key or a wrong type at every place in it. */
function variants(): unknown[] {
  const out: unknown[] = [];
  for (const file of fs.readdirSync(ENVIRONMENTS)) {
    const doc = yaml.load(fs.readFileSync(path.join(ENVIRONMENTS, file), 'utf8')) as Record<string, unknown>;
    out.push(doc);
    const walk = (node: Record<string, unknown>, at: string[]) => {
      for (const [key, value] of Object.entries(node)) {
        const copy = structuredClone(doc);
        let target = copy as Record<string, unknown>;
        for (const k of at) target = target[k] as Record<string, unknown>;
        target[key] = typeof value === 'string' ? 12 : 'not-a-number';
        out.push(copy);
        const extra = structuredClone(doc);
        let parent = extra as Record<string, unknown>;
        for (const k of at) parent = parent[k] as Record<string, unknown>;
        parent[`${key}Typo`] = true;
        out.push(extra);
        if (value && typeof value === 'object' && !Array.isArray(value)) walk(value as Record<string, unknown>, [...at, key]);
      }
    };
    walk(doc, []);
  }
  // A component's settings out of bounds, a component that is none, sections of the wrong type.
  out.push({ components: { prometheus: { replicas: 99 } } }, { components: { nope: {} } }, { alerting: [] }, { components: { grafana: { replicas: 2 } } });
  return out;
}

test('the validator made of per-section definitions accepts, refuses and reports as the inline schema does', () => {
  const inline = validator(environmentFileSchema, true);
  const split = validator(withSectionDefinitions(environmentFileSchema), false);
  const generated = environmentFileValidator();
  const docs = variants();
  assert.ok(docs.length > 150, `${docs.length} documents`);
  let refused = 0;
  for (const doc of docs) {
    const expected = inline(doc);
    if (!expected) refused++;
    for (const candidate of [split, generated]) {
      assert.equal(candidate(doc), expected, JSON.stringify(doc));
      assert.deepEqual(firstError(candidate.errors), firstError(inline.errors), JSON.stringify(doc));
    }
  }
  assert.ok(refused > 100, `${refused} refused`);
});

test('each section and component is its own definition, referenced where it stood', () => {
  const split = withSectionDefinitions(environmentFileSchema) as { properties: Record<string, { $ref?: string }>; $defs: Record<string, { properties?: Record<string, { $ref?: string }> }> };
  assert.equal(split.properties.alerting.$ref, '#/$defs/section-alerting');
  assert.equal(split.properties.components.$ref, '#/$defs/section-components');
  assert.equal(split.$defs['section-components'].properties?.prometheus.$ref, '#/$defs/component-prometheus');
  assert.equal(split.properties.description.$ref, undefined, 'a plain value stays inline');
});
