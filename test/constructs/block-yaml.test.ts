/**
 * blockYaml writes js-yaml's bytes: over every file synth writes, a seeded corpus of awkward values
 * with both quoting types, and the values it leaves to js-yaml (what JSON cannot hold).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { blockYaml, jsYamlOptions, QuotingType } from '../../constructs/block-yaml';
import { toYaml } from '../../constructs/yaml';

const DIST = path.resolve(__dirname, '..', '..', '..', 'dist');
const QUOTING: readonly QuotingType[] = ["'", '"'];

function jsYaml(value: unknown, quotingType: QuotingType): string | Error {
  try {
    return yaml.dump(value, jsYamlOptions(quotingType));
  } catch (e) {
    return e as Error;
  }
}

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(file);
    return /\.ya?ml$/.test(entry.name) ? [file] : [];
  });
}

test('every YAML document synth writes, read back, is written by blockYaml as js-yaml writes it', () => {
  const docs = yamlFiles(DIST).flatMap((file) => yaml.loadAll(fs.readFileSync(file, 'utf8')));
  assert.ok(docs.length > 300, `${docs.length} documents`);
  for (const quotingType of QUOTING) {
    for (const doc of docs) assert.equal(blockYaml(doc, quotingType), jsYaml(doc, quotingType));
  }
});

/** mulberry32: the same corpus every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces that decide a scalar's form: indicators, what other types read as, whitespace and line ends,
// characters js-yaml does not print, astral characters and lone surrogates.
const PIECES = [
  '', 'a', 'x y', 'yes', 'No', 'on', 'OFF', 'y', '~', 'null', 'Null', 'true', 'FALSE', '0', '01', '0x1F', '0o17', '0b101',
  '1e3', '1_000', '.5', '-.inf', '.NaN', '2024-01-01', '2001-12-14t21:59:43.10-05:00', '12:30', '1:2:3', '<<', '=',
  '- ', '-', '---', '...', '? ', ':', ': ', ' #', '#', '&a', '*a', '!t', '|', '>', "'", '"', '%', '@', '`', '[', ']', '{',
  '}', ',', ' ', '  ', '\n', '\n\n', '\t', '\r', '\r\n', '\\', '\u0000', '\u0085', '\u00a0', 'é', '日本', '\u2028',
  '\ufeff', '\ud83d\ude00', '\ud800', '\udc00', 'k'.repeat(600), 'L'.repeat(1100),
];

function anyString(next: () => number): string {
  let s = '';
  for (let n = Math.floor(next() * 5); n > 0; n--) s += PIECES[Math.floor(next() * PIECES.length)];
  return s;
}

function anyValue(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 0 && r < 0.25) return Array.from({ length: Math.floor(next() * 4) }, () => anyValue(next, depth - 1));
  if (depth > 0 && r < 0.5) {
    const object: Record<string, unknown> = {};
    for (let n = Math.floor(next() * 4); n > 0; n--) object[anyString(next)] = anyValue(next, depth - 1);
    return object;
  }
  if (r < 0.8) return anyString(next);
  if (r < 0.9) return [0, 1, -5, 42, 3.5, -0.25, 1e21, 2 ** 53, 1e-7, 123456789.5][Math.floor(next() * 10)];
  return [true, false, null][Math.floor(next() * 3)];
}

test('a seeded corpus of awkward values is written as js-yaml writes it, with either quoting type', () => {
  const next = random(20261201);
  let written = 0;
  for (let i = 0; i < 4000; i++) {
    const value = anyValue(next, 4);
    for (const quotingType of QUOTING) {
      const expected = jsYaml(value, quotingType);
      const fast = blockYaml(value, quotingType);
      if (fast !== undefined) {
        written++;
        assert.equal(fast, expected, JSON.stringify(value));
      }
      assert.deepEqual(toYaml(value, { quotingType }), expected, JSON.stringify(value));
    }
  }
  // Only explicit `? ` keys (past 1024 characters) are left to js-yaml here.
  assert.ok(written > 7000, `${written} of 8000 written by blockYaml`);
});

test('literal blocks: indentation indicator, chomping, blank lines and characters js-yaml will not print', () => {
  const texts = [
    'a\nb', 'a\nb\n', 'a\nb\n\n', 'a\n\n\nb', '\n', '\n\n', ' a\nb', '\n a\nb', 'a\n b\n', '  \n', 'a\r\nb', 'a\tb\nc',
    'a\u0085\nb', 'a\u00a0\nb', 'a\ufeff\nb', 'a\u2028\nb', 'a\ud83d\ude00\nb', 'a\ud800\nb', 'é\n日本\n', '- a\n- b\n', 'key: v\n#c\n',
  ];
  for (const quotingType of QUOTING) {
    for (const text of texts) {
      for (const value of [text, { k: text }, [text], { a: [{ b: text }] }, [[text]]]) {
        assert.equal(blockYaml(value, quotingType), jsYaml(value, quotingType), JSON.stringify(value));
      }
    }
  }
});

class Quantity {
  constructor(readonly value: string) {}
}

test('what JSON cannot hold is left to js-yaml, which writes or refuses it', () => {
  const sparse: unknown[] = [1];
  sparse[2] = 3;
  const values: unknown[] = [
    { replicas: NaN },
    { replicas: Infinity },
    { replicas: -0 },
    { name: 'a', namespace: undefined },
    { args: [undefined] },
    sparse,
    { at: new Date('2026-01-01T00:00:00.000Z') },
    { resources: new Quantity('1Gi') },
    { data: { toJSON: () => ({ a: '1' }) } },
    { ['k'.repeat(1100)]: 'explicit key' },
    1n,
    Symbol('s'),
  ];
  for (const value of values) {
    assert.equal(blockYaml(value), undefined, String(typeof value === 'object' ? JSON.stringify(value) : typeof value));
    const expected = jsYaml(value, "'");
    if (expected instanceof Error) assert.throws(() => toYaml(value), { message: expected.message });
    else assert.equal(toYaml(value), expected);
  }
});

test('keys js-yaml quotes or cannot take plainly, and a key named __proto__, are written as it writes them', () => {
  const value = { '': 1, 'a: b': 'c', '- x': [], '? y': {}, 'multi\nline': 'x\ny\n', '1': 'one', true: 'yes', null: null, '#': '#', ['__proto__']: { p: 1 }, constructor: 'c' };
  for (const quotingType of QUOTING) assert.equal(blockYaml(value, quotingType), jsYaml(value, quotingType));
});

test('an object or array with a Symbol.toStringTag is left to js-yaml, which refuses it or reads it as another type', () => {
  const tagged = (value: object, tag: string) => Object.assign(value, { [Symbol.toStringTag]: tag });
  // js-yaml goes by Object.prototype.toString: it refuses the first two, writes `.nan` and `!!binary AAAA`.
  const values = [tagged({ a: 1 }, 'Quantity'), tagged([1], 'List'), { spec: tagged({ replicas: 1 }, 'Number') }, [tagged([], 'Uint8Array')]];
  for (const value of values) {
    assert.equal(blockYaml(value), undefined);
    const expected = jsYaml(value, "'");
    if (expected instanceof Error) assert.throws(() => toYaml(value), { message: expected.message });
    else assert.equal(toYaml(value), expected);
  }
});

test('a quoting type js-yaml does not know is left to it (it quotes with single quotes)', () => {
  const value = { a: 'yes', b: 'x\ny' };
  const quotingType = '`' as QuotingType;
  assert.equal(blockYaml(value, quotingType), undefined);
  assert.equal(toYaml(value, { quotingType }), "a: 'yes'\nb: |-\n  x\n  y\n");
});

test('a value that nests past the stack (a cycle) is left to js-yaml, which fails as it does', () => {
  const cycle: Record<string, unknown> = { name: 'a' };
  cycle.self = cycle;
  assert.equal(blockYaml(cycle), undefined);
  assert.throws(() => toYaml(cycle), RangeError);
});
