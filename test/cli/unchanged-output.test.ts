/**
 * Synth leaves an output directory alone when it already holds exactly what synth would write there, and
 * rewrites it as soon as anything differs: a file edited, removed, or replaced by a symbolic link.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { monstack, snapshot, tempDir } from '../helpers/cli';

describe('synth into an output that is already up to date', () => {
  const out = tempDir('monstack-unchanged-');
  after(() => fs.rmSync(out, { recursive: true, force: true }));
  const synth = () => {
    const r = monstack(['synth', '--env', 'dev', '--target', 'compose', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
  };
  const compose = path.join(out, 'compose', 'dev', 'docker-compose.monitoring.yml');
  const rules = path.join(out, 'compose', 'dev', 'config', 'prometheus-rules', 'slo.yaml');

  it('writes nothing: files keep their inode and timestamps, no staging directory is left', () => {
    synth();
    const before = snapshot(out);
    const stat = fs.statSync(compose);
    synth();
    assert.deepEqual(snapshot(out), before);
    const again = fs.statSync(compose);
    assert.equal(again.ino, stat.ino);
    assert.equal(again.mtimeMs, stat.mtimeMs);
    assert.deepEqual(fs.readdirSync(out).filter((e) => e.startsWith('.monstack-staging')), []);
  });

  it('rewrites a directory where a file was edited, one was removed, or one became a symbolic link', () => {
    synth();
    const expected = snapshot(out);
    fs.writeFileSync(compose, 'edited\n');
    synth();
    assert.deepEqual(snapshot(out), expected);

    fs.rmSync(rules);
    synth();
    assert.deepEqual(snapshot(out), expected);

    const elsewhere = path.join(out, '..', `${path.basename(out)}-same-bytes.yaml`);
    fs.writeFileSync(elsewhere, fs.readFileSync(rules));
    try {
      fs.rmSync(rules);
      fs.symlinkSync(elsewhere, rules);
      synth();
      assert.ok(fs.lstatSync(rules).isFile(), 'the link is replaced by the file synth writes');
      assert.deepEqual(snapshot(out), expected);
    } finally {
      fs.rmSync(elsewhere, { force: true });
    }
  });
});
