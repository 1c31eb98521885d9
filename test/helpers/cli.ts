/** Runs the compiled CLI the way a user does, in a child process. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CLI = path.resolve(__dirname, '..', '..', 'src', 'cli.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function monstack(args: readonly string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): CliResult {
  // No run takes minutes: one that does hangs (reading a FIFO, say), and fails here rather than stalling the suite.
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export { tempDir } from './temp';

/** Writes rendered files (relative path → contents) below a directory; the inverse of `snapshot`. */
export function writeFiles(dir: string, files: ReadonlyMap<string, string>): void {
  for (const [file, contents] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), contents);
  }
}

/** Every file below a directory with its contents, keyed by relative path. */
export function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return files;
}
