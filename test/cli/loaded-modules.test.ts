/**
 * A synth loads what synth uses: not cdk8s-plus-28's L2 constructs (its index), not bcrypt (only printing
 * credentials hashes), not ajv's compiler (the environment schema is precompiled) nor the validators.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, tempDir } from '../helpers/cli';

test('a full synth process does not load what synth does not use', (t) => {
  const dir = tempDir('monstack-loaded-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const list = path.join(dir, 'modules.json');
  const script = `require(${JSON.stringify(CLI)}).main(['synth', '--out', ${JSON.stringify(path.join(dir, 'out'))}])
    .then(() => require('fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const loaded = (JSON.parse(fs.readFileSync(list, 'utf8')) as string[]).map((f) => f.split(path.sep).join('/'));
  assert.ok(loaded.some((f) => f.endsWith('/cdk8s-plus-28/lib/imports/k8s.js')), 'the typed Kubernetes objects are what the renderers use');
  assert.ok(loaded.some((f) => f.endsWith('/src/synth.js')), 'the synth really ran in this process');
  const unused = loaded.filter((f) => /\/cdk8s-plus-28\/lib\/index\.js$|\/bcryptjs\/|\/ajv\/dist\/ajv\.js$|\/lib\/src\/validate\/(index|kubernetes-schema|operator-schema)\.js$/.test(f));
  assert.deepEqual(unused, []);
});
