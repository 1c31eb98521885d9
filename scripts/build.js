#!/usr/bin/env node
/**
 * `npm run build`: compiles the TypeScript into lib/ unless lib/ already holds the output of exactly these
 * sources. Running tsc on an unchanged tree costs seconds even with --incremental (it loads the compiler and
 * every file to compare them); hashing the sources costs milliseconds, so `npm run synth` with nothing
 * changed runs at the cost of the CLI itself. The stamp is the SHA-256 of every compiled source's path and
 * bytes, tsconfig.json and package-lock.json (compiler and type versions): any edit, new, removed or renamed
 * file changes it, whatever its mtime. When it differs, tsc runs with --incremental (its own per-file hashes
 * in lib/.tsbuildinfo decide what to re-emit), then the environment validator is generated, then the stamp
 * is written — only when all of that succeeded.
 */
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const LIB = path.join(ROOT, 'lib');
const STAMP = path.join(LIB, '.sources.sha256');
const BUILD_INFO = path.join(LIB, '.tsbuildinfo');
/** tsconfig.json's include roots; every .ts below them is compiled. */
const SOURCE_ROOTS = ['src', 'constructs', 'dashboards', 'alerts', 'test'];
const INPUTS = ['tsconfig.json', 'package-lock.json', 'scripts/build.js'];

function sourcesBelow(dir, found) {
  let entries;
  try {
    entries = fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true });
  } catch {
    return found;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) sourcesBelow(rel, found);
    else if (e.name.endsWith('.ts')) found.push(rel);
  }
  return found;
}

function digest(sources) {
  const hash = crypto.createHash('sha256');
  for (const rel of [...INPUTS, ...sources]) {
    hash.update(`${rel}\0`);
    let bytes;
    try {
      bytes = fs.readFileSync(path.join(ROOT, rel));
    } catch {
      bytes = Buffer.from('\0absent');
    }
    hash.update(bytes);
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** What tsc emits for a source: lib/<path>.js (declaration files emit nothing). */
function outputsOf(sources) {
  return sources.filter((s) => !s.endsWith('.d.ts')).map((s) => path.join(LIB, s.replace(/\.ts$/, '.js')));
}

function isFresh(hash, outputs) {
  let stamp;
  try {
    stamp = fs.readFileSync(STAMP, 'utf8').trim();
  } catch {
    return false;
  }
  return stamp === hash && outputs.every((f) => fs.existsSync(f));
}

/**
 * tsc never deletes what it emitted for a source that is gone: a removed test would still run from lib/.
 * Compiled files below the source roots whose source no longer exists are removed (generated files, which
 * have no source, are named *.generated.js and kept).
 */
function removeOrphans(outputs) {
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.js') && !e.name.endsWith('.generated.js') && !outputs.has(full)) {
        fs.rmSync(full, { force: true });
        fs.rmSync(full.replace(/\.js$/, '.d.ts'), { force: true });
      }
    }
  };
  for (const root of SOURCE_ROOTS) walk(path.join(LIB, root));
}

function main() {
  const sources = SOURCE_ROOTS.flatMap((r) => sourcesBelow(r, []));
  const hash = digest(sources);
  const outputs = outputsOf(sources);
  const force = process.argv.includes('--force');
  if (!force && isFresh(hash, outputs)) return;
  fs.rmSync(STAMP, { force: true });
  // tsc --incremental trusts its build info: with an output deleted behind its back it would not emit it again.
  if (force || !outputs.every((f) => fs.existsSync(f))) fs.rmSync(BUILD_INFO, { force: true });
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', BUILD_INFO], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  removeOrphans(new Set(outputs));
  require(path.join(LIB, 'src', 'config', 'precompiled-validator.js')).writePrecompiledValidator();
  fs.writeFileSync(STAMP, `${hash}\n`);
}

main();
