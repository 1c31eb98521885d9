import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { PACKAGE_ROOT } from '../../src/paths';
import { VENDORED_KINDS, VENDORED_SCHEMA, vendorSchema } from '../../src/validate/vendor-schema';

/** The shared schema folder sits beside the project checkout (as in CI and the workspace). */
const SOURCE = path.resolve(PACKAGE_ROOT, '..', 'shared', 'schemas', 'kubernetes-v1.28.0-definitions.json');

describe('vendored Kubernetes 1.28 schema', () => {
  const vendored = JSON.parse(fs.readFileSync(VENDORED_SCHEMA, 'utf8'));

  it('indexes every kind the validator knows, each with its definition', () => {
    assert.deepEqual(Object.keys(vendored.kinds).sort(), [...VENDORED_KINDS].sort());
    for (const definition of Object.values<string>(vendored.kinds)) assert.ok(vendored.definitions[definition], definition);
  });

  it('is what the generator makes from the upstream definitions', (t) => {
    if (!fs.existsSync(SOURCE)) return t.skip(`${SOURCE} is not beside the checkout`);
    const { definitions } = JSON.parse(fs.readFileSync(SOURCE, 'utf8'));
    assert.deepEqual(vendorSchema(definitions), vendored, 'regenerate: node lib/src/validate/vendor-schema.js ../shared/schemas/kubernetes-v1.28.0-definitions.json');
  });

  it('keeps no descriptions and stays small', () => {
    assert.ok(!JSON.stringify(vendored.definitions['io.k8s.api.core.v1.Container']).includes('"description":"'));
    assert.ok(fs.statSync(VENDORED_SCHEMA).size < 200_000);
  });
});
