/**
 * scripts/build.js skips tsc only when lib/ holds the output of exactly the current sources: an edit (even
 * one that keeps the file's mtime), a deleted output or a failed compile makes it compile again. Run on a
 * small project of its own, with the repository's compiler.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../helpers/cli';

const REPO = path.resolve(__dirname, '..', '..', '..');

describe('the build script', () => {
  let project: string;
  const file = (rel: string) => path.join(project, rel);
  const build = () => spawnSync(process.execPath, [file('scripts/build.js')], { cwd: project, encoding: 'utf8' });
  /** How often the post-compile step ran: once per real build. */
  const builds = () => (fs.existsSync(file('lib/builds')) ? fs.readFileSync(file('lib/builds'), 'utf8').length : 0);

  before(() => {
    project = tempDir('monstack-build-');
    fs.mkdirSync(file('scripts'));
    fs.copyFileSync(path.join(REPO, 'scripts', 'build.js'), file('scripts/build.js'));
    fs.symlinkSync(path.join(REPO, 'node_modules'), file('node_modules'));
    fs.writeFileSync(file('package-lock.json'), '{}\n');
    fs.writeFileSync(
      file('tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'ES2022', outDir: 'lib', rootDir: '.', strict: true, types: ['node'] }, include: ['src/**/*.ts'] }),
    );
    fs.mkdirSync(file('src/config'), { recursive: true });
    // Stands in for the environment validator the real build generates after compiling.
    fs.writeFileSync(
      file('src/config/precompiled-validator.ts'),
      "import * as fs from 'fs';\nimport * as path from 'path';\nexport function writePrecompiledValidator(): void { fs.appendFileSync(path.join(__dirname, '..', '..', 'builds'), 'x'); }\n",
    );
    fs.writeFileSync(file('src/answer.ts'), 'export const answer = 41;\n');
  });
  after(() => fs.rmSync(project, { recursive: true, force: true }));

  it('compiles once, then skips while nothing changed', () => {
    assert.equal(build().status, 0);
    assert.equal(builds(), 1);
    assert.match(fs.readFileSync(file('lib/src/answer.js'), 'utf8'), /answer = 41/);
    assert.equal(build().status, 0);
    assert.equal(builds(), 1);
  });

  it('compiles again after an edit that keeps the mtime', () => {
    const { atime, mtime } = fs.statSync(file('src/answer.ts'));
    fs.writeFileSync(file('src/answer.ts'), 'export const answer = 42;\n');
    fs.utimesSync(file('src/answer.ts'), atime, mtime);
    assert.equal(build().status, 0);
    assert.equal(builds(), 2);
    assert.match(fs.readFileSync(file('lib/src/answer.js'), 'utf8'), /answer = 42/);
  });

  it('compiles again when an output was deleted, and emits it', () => {
    fs.rmSync(file('lib/src/answer.js'));
    assert.equal(build().status, 0);
    assert.equal(builds(), 3);
    assert.match(fs.readFileSync(file('lib/src/answer.js'), 'utf8'), /answer = 42/);
  });

  it('compiles a new file', () => {
    fs.writeFileSync(file('src/question.ts'), 'export const question = "six by nine";\n');
    assert.equal(build().status, 0);
    assert.ok(fs.existsSync(file('lib/src/question.js')));
  });

  it('removes what a deleted source compiled to, so a removed test cannot run from lib/', () => {
    fs.rmSync(file('src/question.ts'));
    assert.equal(build().status, 0);
    assert.ok(!fs.existsSync(file('lib/src/question.js')));
    assert.ok(fs.existsSync(file('lib/src/answer.js')));
  });

  it('fails on a type error, and keeps failing until it is fixed', () => {
    fs.writeFileSync(file('src/answer.ts'), 'export const answer: number = "42";\n');
    const failed = build();
    assert.notEqual(failed.status, 0);
    assert.match(failed.stdout + failed.stderr, /answer\.ts.*TS2322/s);
    assert.notEqual(build().status, 0, 'a second run does not take the failed build for fresh');
    fs.writeFileSync(file('src/answer.ts'), 'export const answer: number = 42;\n');
    assert.equal(build().status, 0);
  });
});
