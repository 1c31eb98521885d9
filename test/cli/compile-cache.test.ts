/**
 * The CLI's compile cache (src/compile-cache.ts) in a package of its own: a module loads from its entry
 * only while its source is the one the entry was made from; any change, even one that keeps the length
 * (which is all V8 itself compares), compiles the new source. Modules see what Node's loader gives them.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/cli';

const COMPILE_CACHE = path.resolve(__dirname, '..', '..', 'src', 'compile-cache.js');

/** A package whose lib/src/cli.js loads the compile cache, then `value.js`, and prints what it exports. */
function packageWith(value: string): { root: string; run: () => string } {
  const root = tempDir('monstack-compile-cache-');
  const src = path.join(root, 'lib', 'src');
  fs.mkdirSync(src, { recursive: true });
  fs.copyFileSync(COMPILE_CACHE, path.join(src, 'compile-cache.js'));
  fs.writeFileSync(path.join(src, 'cli.js'), "#!/usr/bin/env node\nrequire('./compile-cache');\nprocess.stdout.write(JSON.stringify(require('./value.js')));\n");
  fs.writeFileSync(path.join(src, 'value.js'), value);
  const run = () => {
    const r = spawnSync(process.execPath, [path.join(src, 'cli.js')], { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    return r.stdout;
  };
  return { root, run };
}

const entries = (root: string) => {
  const dir = path.join(root, 'lib', '.compile-cache');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f))) : [];
};

test('a module loads from its entry while its source is unchanged, and from its new source after any edit', (t) => {
  const pkg = packageWith("module.exports = 'AAAA';\n");
  t.after(() => fs.rmSync(pkg.root, { recursive: true, force: true }));
  assert.equal(pkg.run(), '"AAAA"');
  const first = entries(pkg.root);
  assert.equal(first.length, 1, 'one entry, for value.js (cli.js is compiled before the cache is installed)');
  assert.equal(pkg.run(), '"AAAA"');
  assert.deepEqual(entries(pkg.root), first, 'an entry that matches is used, not written again');
  // Same length, other bytes: V8 alone would take the old code.
  fs.writeFileSync(path.join(pkg.root, 'lib', 'src', 'value.js'), "module.exports = 'BBBB';\n");
  assert.equal(pkg.run(), '"BBBB"');
  const second = entries(pkg.root);
  assert.equal(second.length, 1, 'the changed file replaces its entry');
  assert.notDeepEqual(second, first);
  assert.equal(pkg.run(), '"BBBB"');
});

test('a module compiled from the cache gets require, module and its own file and line in errors', (t) => {
  const pkg = packageWith(
    [
      '#!/usr/bin/env node',
      "const lazy = () => { try { require('./broken.js'); } catch (e) { return e.stack.split('\\n').find((l) => l.includes('broken.js')); } };",
      'module.exports = {',
      '  main: require.main === module,',
      "  resolved: require.resolve('./value.js') === __filename,",
      "  dirname: __dirname === require('path').dirname(__filename),",
      '  thrown: lazy(),',
      '};',
      '',
    ].join('\n'),
  );
  t.after(() => fs.rmSync(pkg.root, { recursive: true, force: true }));
  fs.writeFileSync(path.join(pkg.root, 'lib', 'src', 'broken.js'), '\n\nthrow new Error("broken");\n');
  const broken = path.join(pkg.root, 'lib', 'src', 'broken.js');
  for (const run of ['without an entry', 'from its entry']) {
    const out = JSON.parse(pkg.run()) as Record<string, unknown>;
    assert.deepEqual(
      { ...out, thrown: String(out.thrown).trim() },
      { main: false, resolved: true, dirname: true, thrown: `at Object.<anonymous> (${broken}:3:7)` },
      run,
    );
  }
});
