/**
 * PromQL syntax trees kept between CLI runs (src/promql/tree-store.ts): a tree rebuilt from its nodes is
 * the tree the parser gives, for every expression the built-in stacks check and for broken ones; a run
 * finds the trees the last one kept, and parses whatever the file does not hold for this grammar.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Tree } from '@lezer/common';
import type { LRParser } from '@lezer/lr';
import { newStack } from '../../src/build-stack';
import { loadEnvironment } from '../../src/config/load';
import { nodesOf, treeFromNodes } from '../../src/promql/tree-store';
import { typeCheck } from '../../src/promql/typecheck';
import { tempDir } from '../helpers/cli';

const { parser } = require('@prometheus-io/lezer-promql') as { parser: LRParser };
const LIB_SRC = path.resolve(__dirname, '..', '..', 'src');
const NODE_MODULES = path.resolve(__dirname, '..', '..', '..', 'node_modules');

const BROKEN = ['', 'sum(rate(x[5m])', 'foo{job=', 'a + ', 'rate(x[5m]) by (job)', '{__name__=~"a.*"} offset -', 'histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))'];

/** Every node, anonymous ones too, with its place: what the checks can see of a tree. */
function walk(tree: Tree): string {
  const out: string[] = [];
  tree.iterate({ enter: (n) => void out.push(`${n.name}${n.type.isError ? '!' : ''}@${n.from}-${n.to}`) });
  return out.join(' ');
}

function checkedExpressions(): string[] {
  const exprs = new Set<string>(BROKEN);
  for (const name of ['dev', 'prod', 'staging']) {
    const stack = newStack(loadEnvironment(name));
    stack.inOnePass(() => {
      for (const contents of stack.ruleFileContents.values()) for (const rule of contents.rules) exprs.add(rule.expr);
      for (const d of stack.grafana?.provisionedDashboards ?? []) for (const q of d.queries ?? []) if (q.datasource === 'prometheus') exprs.add(q.expr);
    });
  }
  return [...exprs];
}

test('a tree rebuilt from its nodes is the parsed tree, and type-checks alike', () => {
  const exprs = checkedExpressions();
  assert.ok(exprs.length > 100, `the stacks check many expressions (${exprs.length})`);
  const env = { series: () => ({ labels: { names: new Set(['job', 'instance', 'le']), open: false }, counter: 'yes' as const, buckets: 'unknown' as const, sampleInterval: 15 }), retentionSeconds: 86400 };
  for (const expr of exprs) {
    const parsed = parser.parse(expr);
    const rebuilt = treeFromNodes(parser, expr, JSON.parse(JSON.stringify(nodesOf(parsed))));
    assert.ok(rebuilt, expr);
    assert.equal(walk(rebuilt), walk(parsed), expr);
    assert.deepEqual(typeCheck(expr, env, rebuilt), typeCheck(expr, env, parsed), expr);
  }
});

test('nodes that do not describe a tree of the expression are refused', () => {
  const expr = 'sum by (job) (up)';
  const nodes = nodesOf(parser.parse(expr));
  assert.ok(treeFromNodes(parser, expr, nodes));
  const changed = (i: number, value: unknown) => nodes.map((n, j) => (j === i ? value : n));
  for (const [what, bad] of [
    ['not a list', { 0: 1 }],
    ['a partial node', nodes.slice(0, -1)],
    ['an unknown node type', changed(0, parser.nodeSet.types.length)],
    ['a node past the end', changed(2, expr.length + 1)],
    ['a node ending before it starts', changed(1, 99)],
    ['a size larger than what precedes it', changed(3, 400)],
    ['a fraction', changed(1, 0.5)],
  ] as const) {
    assert.equal(treeFromNodes(parser, expr, bad), undefined, what);
  }
});

/** A package whose CLI keeps trees in its own lib/.compile-cache, parsing the expressions it is given. */
function packageRun(): { root: string; run: (exprs: string[]) => { parsed: number; walks: string[] } } {
  const root = tempDir('monstack-tree-store-');
  const src = path.join(root, 'lib', 'src');
  fs.mkdirSync(path.join(src, 'promql'), { recursive: true });
  fs.copyFileSync(path.join(LIB_SRC, 'compile-cache.js'), path.join(src, 'compile-cache.js'));
  fs.copyFileSync(path.join(LIB_SRC, 'promql', 'tree-store.js'), path.join(src, 'promql', 'tree-store.js'));
  fs.symlinkSync(NODE_MODULES, path.join(root, 'node_modules'));
  fs.writeFileSync(
    path.join(src, 'cli.js'),
    [
      "require('./compile-cache');",
      "const { parser } = require('@prometheus-io/lezer-promql');",
      "const store = require('./promql/tree-store').treeStore(parser);",
      'let parsed = 0;',
      'const walks = JSON.parse(process.argv[2]).map((e) => {',
      '  const out = [];',
      '  store.tree(e, (x) => { parsed++; return parser.parse(x); }).iterate({ enter: (n) => void out.push(`${n.name}@${n.from}-${n.to}`) });',
      "  return out.join(' ');",
      '});',
      'process.stdout.write(JSON.stringify({ parsed, walks }));',
      '',
    ].join('\n'),
  );
  const run = (exprs: string[]) => {
    const r = spawnSync(process.execPath, [path.join(src, 'cli.js'), JSON.stringify(exprs)], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { parsed: number; walks: string[] };
  };
  return { root, run };
}

test('a CLI run finds the trees the last one kept, and parses what the file does not hold for this grammar', (t) => {
  const pkg = packageRun();
  t.after(() => fs.rmSync(pkg.root, { recursive: true, force: true }));
  const file = path.join(pkg.root, 'lib', '.compile-cache', 'promql-trees.json');
  const exprs = ['sum by (job) (rate(http_requests_total[5m]))', 'up == 0', 'sum(rate(x[5m])'];
  const first = pkg.run(exprs);
  assert.equal(first.parsed, 3);
  assert.deepEqual(first.walks, exprs.map((e) => walk(parser.parse(e)).replace(/!@/g, '@')));
  assert.ok(fs.existsSync(file));
  const kept = fs.readFileSync(file, 'utf8');
  assert.deepEqual(pkg.run(exprs), { ...first, parsed: 0 });
  assert.equal(fs.readFileSync(file, 'utf8'), kept, 'nothing new: the file is not written');

  // One more expression: parsed, and kept with the others.
  assert.equal(pkg.run([...exprs, 'absent(up)']).parsed, 1);
  assert.equal(pkg.run([...exprs, 'absent(up)']).parsed, 0);

  // A damaged entry is parsed again; so is everything when another grammar made the file.
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { grammar: string; trees: Record<string, number[]> };
  data.trees['up == 0'] = [999, 0, 2, 4];
  fs.writeFileSync(file, JSON.stringify(data));
  assert.deepEqual(pkg.run(exprs), { ...first, parsed: 1 });
  fs.writeFileSync(file, JSON.stringify({ ...data, grammar: 'another' }));
  assert.deepEqual(pkg.run(exprs), first);
  fs.writeFileSync(file, '{ not json');
  assert.deepEqual(pkg.run(exprs), first);
  assert.deepEqual(pkg.run(exprs), { ...first, parsed: 0 }, 'and the file is whole again');
});
