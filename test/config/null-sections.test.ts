/**
 * A section written with nothing under it (`operator:` or `kubernetes: ~`, what a user leaves after
 * commenting its keys out) is null in YAML, and the schema takes it: it must mean what leaving the
 * section out means, on every target, never a TypeError.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { ConfigError } from '../../src/config/errors';
import { loadEnvironment } from '../../src/config/load';
import { environmentFileSchema } from '../../src/config/schema';
import { renderStack, TARGET_NAMES } from '../../src/synth';
import { StackCheckError } from '../../src/checks/stack-check';
import { newStack } from '../../src/build-stack';
import { tempDir } from '../helpers/temp';

type Schema = { type?: string; properties?: Record<string, Schema> };

/** Every key path of the schema whose value is an object (a section). */
function sections(schema: Schema, at: string[] = []): string[][] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, child]) => (child.type === 'object' ? [[...at, key], ...sections(child, [...at, key])] : []));
}

function withNull(keyPath: readonly string[]): string {
  const doc: Record<string, unknown> = { extends: 'dev' };
  let node = doc;
  for (const key of keyPath.slice(0, -1)) node = node[key] = {} as Record<string, unknown>;
  node[keyPath[keyPath.length - 1]] = null;
  return yaml.dump(doc);
}

describe('a section left empty (null)', () => {
  const dir = tempDir('monstack-null-');
  const paths = sections(environmentFileSchema as unknown as Schema);

  it('finds the sections to try', () => {
    for (const p of [['operator'], ['kubernetes'], ['access'], ['ingress'], ['alerting', 'routing']]) assert.ok(paths.some((q) => q.join('.') === p.join('.')), p.join('.'));
  });

  for (const keyPath of paths) {
    it(`${keyPath.join('.')}: ~ renders every target or is refused with its place`, () => {
      const file = path.join(dir, `${keyPath.join('-').toLowerCase().replace(/[^a-z0-9-]/g, '')}.yaml`);
      fs.writeFileSync(file, withNull(keyPath));
      try {
        renderStack(newStack(loadEnvironment(file)), TARGET_NAMES, () => {});
      } catch (e) {
        assert.ok(e instanceof ConfigError || e instanceof StackCheckError, `${keyPath.join('.')}: ${String(e)}`);
      }
    });
  }

  it('means the defaults for the operator, kubernetes and access sections', () => {
    const file = path.join(dir, 'top.yaml');
    fs.writeFileSync(file, 'operator: ~\nkubernetes:\naccess: ~\n');
    const plain = path.join(dir, 'plain.yaml');
    fs.writeFileSync(plain, 'description: defaults\n');
    const [env, defaults] = [loadEnvironment(file), loadEnvironment(plain)];
    assert.deepEqual(env.operator, defaults.operator);
    assert.deepEqual(env.kubernetes, defaults.kubernetes);
    assert.deepEqual(env.access, defaults.access);
  });
});
