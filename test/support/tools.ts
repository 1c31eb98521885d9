/**
 * The real validators the dist tests run: promtool, amtool and docker-compose. A missing tool fails
 * the test with what to install (.ci/run installs them on a fresh machine).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const PACKAGES: Record<string, string> = {
  promtool: 'prometheus',
  amtool: 'prometheus-alertmanager',
  'docker-compose': 'docker-compose',
};

export interface ToolResult {
  readonly status: number | null;
  readonly output: string;
}

function onPath(tool: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, tool);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export function requireTool(tool: string): string {
  const found = onPath(tool);
  if (!found) throw new Error(`${tool} is not installed: apt-get install ${PACKAGES[tool] ?? tool} (bash .ci/run installs it)`);
  return found;
}

export function runTool(tool: string, args: readonly string[], cwd?: string): ToolResult {
  const r = spawnSync(requireTool(tool), args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** Runs a tool and fails with its command line and full output unless it exits 0. */
export function assertToolPasses(tool: string, args: readonly string[], cwd?: string): string {
  const r = runTool(tool, args, cwd);
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} exited ${r.status}${cwd ? ` (in ${cwd})` : ''}:\n${r.output}`);
  return r.output;
}

export const promtool = {
  checkConfig: (file: string) => assertToolPasses('promtool', ['check', 'config', file]),
  checkRules: (files: readonly string[]) => assertToolPasses('promtool', ['check', 'rules', ...files]),
};

export const amtool = {
  checkConfig: (file: string) => assertToolPasses('amtool', ['check-config', file]),
};

export const dockerCompose = {
  configQuiet: (composeFile: string) => assertToolPasses('docker-compose', ['-f', path.basename(composeFile), 'config', '-q'], path.dirname(composeFile)),
};
