import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { PACKAGE_ROOT } from '../../src/paths';
import { goRegExp } from '../../src/validate/operator-schema';
import { VENDORED_CRDS, VENDORED_OPERATOR_SCHEMA, vendorOperatorSchemas } from '../../src/validate/vendor-operator-schemas';

/** The shared schema folder sits beside the project checkout (as in CI and the workspace). */
const SOURCE = path.resolve(PACKAGE_ROOT, '..', 'shared', 'schemas', 'prometheus-operator');

describe('vendored Prometheus Operator v0.93.0 schemas', () => {
  const vendored = JSON.parse(fs.readFileSync(VENDORED_OPERATOR_SCHEMA, 'utf8'));

  it('holds every kind the operator target renders', () => {
    assert.deepEqual(Object.keys(vendored.kinds), [
      'monitoring.coreos.com/v1/PodMonitor',
      'monitoring.coreos.com/v1/PrometheusRule',
      'monitoring.coreos.com/v1/ServiceMonitor',
      'monitoring.coreos.com/v1alpha1/ScrapeConfig',
    ]);
  });

  it('is what the generator makes from the upstream CRDs', (t) => {
    if (!fs.existsSync(SOURCE)) return t.skip(`${SOURCE} is not beside the checkout`);
    const crds = VENDORED_CRDS.map((file) => yaml.load(fs.readFileSync(path.join(SOURCE, file), 'utf8')) as never);
    assert.deepEqual(vendored.kinds, vendorOperatorSchemas(crds), 'regenerate: node lib/src/validate/vendor-operator-schemas.js ../shared/schemas/prometheus-operator');
  });

  it('keeps no descriptions', () => {
    assert.ok(!fs.readFileSync(VENDORED_OPERATOR_SCHEMA, 'utf8').includes('"description":"'));
  });

  it('reads Go inline flags as JavaScript flags', () => {
    assert.ok(goRegExp('^(?i)(abort|warn)?$', 'u').test('Abort'));
    assert.ok(!goRegExp('^(?i)(abort|warn)?$', 'u').test('sometimes'));
    assert.ok(goRegExp('(?i)^x$', 'u').test('X'));
    assert.ok(!goRegExp('^(abort|warn)?$', 'u').test('ABORT'));
  });
});
