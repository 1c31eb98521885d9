/**
 * The k8s and operator targets dump each distinct manifest once (src/render/kubernetes/manifest-yaml.ts),
 * found by its JSON text. Values that JSON blurs (NaN and null, -0 and 0, undefined and absent, a Date and
 * its text, a class instance and a plain object, a toJSON method and its result) must never share a dump.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { manifestYaml } from '../../src/render/kubernetes/manifest-yaml';
import { toYaml } from '../../constructs/yaml';

const DIST = path.resolve(__dirname, '..', '..', '..', 'dist');

class Quantity {
  constructor(readonly value: string) {}
}

const PAIRS: readonly [string, object, object][] = [
  ['NaN and null', { spec: { replicas: null } }, { spec: { replicas: NaN } }],
  ['Infinity and null', { spec: { replicas: null } }, { spec: { replicas: Infinity } }],
  ['-0 and 0', { spec: { replicas: 0 } }, { spec: { replicas: -0 } }],
  ['undefined and absent', { metadata: { name: 'a' } }, { metadata: { name: 'a', namespace: undefined } }],
  ['undefined and null in a list', { args: [null] }, { args: [undefined] }],
  ['a Date and its text', { data: { at: '2026-01-01T00:00:00.000Z' } }, { data: { at: new Date('2026-01-01T00:00:00.000Z') } }],
  ['a class instance and a plain object', { resources: { value: '1Gi' } }, { resources: new Quantity('1Gi') }],
];

for (const [what, first, second] of PAIRS) {
  test(`manifests alike in JSON but not in YAML are dumped each as itself: ${what}`, () => {
    for (const doc of [first, second, first, second]) {
      let expected: string | Error;
      try {
        expected = toYaml(doc);
      } catch (e) {
        expected = e as Error;
      }
      if (expected instanceof Error) assert.throws(() => manifestYaml(doc), { message: expected.message });
      else assert.equal(manifestYaml(doc), expected);
    }
  });
}

test('a manifest with a toJSON method is dumped as itself (js-yaml refuses the function), not as its JSON says', () => {
  const plain = { data: { a: '1' } };
  const masked = { data: { toJSON: () => ({ a: '1' }) } };
  assert.equal(manifestYaml(plain), toYaml(plain));
  assert.throws(() => manifestYaml(masked), /unacceptable kind of an object to dump/);
});

test('a manifest dumped again comes from the memo, byte for byte the same', () => {
  const doc = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { 'a.json': '{\n  "b": 1\n}\n' } };
  assert.equal(manifestYaml(doc), toYaml(doc));
  assert.equal(manifestYaml(structuredClone(doc)), toYaml(doc));
});

test('a manifest dumped entry by entry is byte for byte its whole dump: every manifest synth writes, and awkward keys', () => {
  const docs: unknown[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.yaml')) docs.push(...yaml.loadAll(fs.readFileSync(file, 'utf8')));
    }
  };
  for (const target of ['k8s', 'operator']) walk(path.join(DIST, target));
  assert.ok(docs.length > 100, `${docs.length} manifests`);
  const long = 'k'.repeat(1100); // past 1024 characters js-yaml writes an explicit "? key"
  docs.push(
    { '': 1, 'a: b': 'c', '- x': [], '? y': {}, 'multi\nline': 'x\ny\n', [long]: { [long]: 'v' }, '1': 'one', true: 'yes', null: null, '#': '#' },
    { ['__proto__']: { polluted: true }, constructor: 'c' },
    { data: { 'a.json': ' leading space\n\ttab\n', 'b.txt': 'trailing newlines\n\n\n', 'c.txt': '' } },
    {},
    [],
  );
  for (const doc of docs) assert.equal(manifestYaml(doc), toYaml(doc));
});
