/** Runs the real validators (promtool, amtool); a missing tool fails the test with how to get it. */
import { spawn, spawnSync } from 'node:child_process';

export interface ToolResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function requireTool(name: 'promtool' | 'amtool'): void {
  const r = spawnSync(name, ['--version'], { encoding: 'utf8' });
  if (r.error) {
    throw new Error(`${name} is not on PATH (${(r.error as NodeJS.ErrnoException).code}): install it (Debian: apt-get install prometheus${name === 'amtool' ? '-alertmanager' : ''}) to run these tests`);
  }
}

export function runTool(name: string, args: readonly string[], cwd?: string): ToolResult {
  const r = spawnSync(name, args, { encoding: 'utf8', cwd });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The same, without blocking, so that slow promtool unit tests can run side by side. */
export function runToolAsync(name: string, args: readonly string[], cwd?: string): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = spawn(name, args, { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.on('error', (e) => resolve({ status: -1, stdout, stderr: String(e) }));
  });
}
