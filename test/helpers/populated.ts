/**
 * An output directory as a user's looks after a while: built-in and custom environments' output, the
 * `.env` and `secrets/` the README has them keep beside the compose file, and folders of their own.
 * Built once per test file and copied per case, so every failing case can prove it left all of it alone.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMPONENT_NAMES } from '../../src/config/schema';
import { monstack, tempDir } from './cli';

/** Every entry below a directory: files with their bytes and mode, directories and links as such. */
export function fullSnapshot(dir: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      const rel = path.relative(dir, full);
      const mode = (fs.lstatSync(full).mode & 0o777).toString(8);
      if (entry.isSymbolicLink()) entries.set(rel, `link ${fs.readlinkSync(full)}`);
      else if (entry.isDirectory()) {
        entries.set(rel, `dir ${mode}`);
        walk(full);
      } else if (entry.isFIFO()) entries.set(rel, `fifo ${mode}`);
      else entries.set(rel, `file ${mode} ${fs.readFileSync(full).toString('base64')}`);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return entries;
}

/** A prepared output directory (see above); returns its path. */
export function populatedOutput(): string {
  const work = tempDir('monstack-populated-env-');
  fs.writeFileSync(path.join(work, 'eu-prod.yaml'), 'extends: prod\nnamespace: monitoring-eu\n');
  const out = path.join(tempDir('monstack-populated-'), 'out');
  const r = monstack(['synth', '--env', 'dev', '--env', path.join(work, 'eu-prod.yaml'), '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  for (const env of ['dev', 'eu-prod']) {
    const compose = path.join(out, 'compose', env);
    fs.writeFileSync(path.join(compose, '.env'), `GRAFANA_ADMIN_PASSWORD=kept-${env}\n`, { mode: 0o600 });
    fs.mkdirSync(path.join(compose, 'secrets', 'alertmanager-receivers'), { recursive: true });
    fs.writeFileSync(path.join(compose, 'secrets', 'alertmanager-receivers', 'pagerduty-routing-key'), `key-${env}\n`);
  }
  fs.mkdirSync(path.join(out, 'notes', 'empty'), { recursive: true });
  fs.writeFileSync(path.join(out, 'notes', 'todo.md'), 'the user’s own folder\n');
  fs.writeFileSync(path.join(out, 'k8s', 'README.txt'), 'the user’s own file beside the environments\n');
  return out;
}

/** A copy of a prepared output directory, for one case to try to damage. */
export function copyOf(out: string): string {
  const copy = path.join(tempDir('monstack-case-'), 'out');
  fs.cpSync(out, copy, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  return copy;
}

/** What a failed command must look like: exit 1, one located line on stderr, nothing on stdout. */
export function assertRefused(r: { status: number | null; stdout: string; stderr: string }, message: RegExp): void {
  assert.equal(r.status, 1, `exit code; stderr: ${r.stderr}`);
  assert.match(r.stderr.trimEnd(), message);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trim().split('\n').length, 1, `one line, no stack trace or source dump:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at |node_modules|yargs/);
}

/**
 * `components:` entries turning off Prometheus and what reads or feeds it (Alertmanager, the exporters):
 * an environment without metrics, where `stack.prometheus` is undefined.
 */
export const WITHOUT_PROMETHEUS = COMPONENT_NAMES.filter((c) => c === 'prometheus' || c === 'alertmanager' || c === 'cadvisor' || c.endsWith('-exporter'))
  .map((c) => `  ${c}:\n    enabled: false\n`)
  .join('');
