/**
 * The real validators the tests run: promtool, amtool and docker-compose. A missing tool fails the
 * test with what to install (.ci/run installs them on a fresh machine).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { findOnPath } from '../../src/validate/host-tools';
import { tempDir } from './temp';

const PACKAGES: Record<string, string> = {
  promtool: 'prometheus',
  amtool: 'prometheus-alertmanager',
  'prometheus-alertmanager': 'prometheus-alertmanager',
  'docker-compose': 'docker-compose',
};

export interface ToolResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The tool's path; throws with the package to install when it is not on PATH. */
export function requireTool(tool: string): string {
  const found = findOnPath(tool);
  if (!found) throw new Error(`${tool} is not installed: apt-get install ${PACKAGES[tool] ?? tool} (bash .ci/run installs it)`);
  return found;
}

let toolEnv: NodeJS.ProcessEnv | undefined;

/**
 * Colours would end up in assertion messages as escape codes. A tool's own scratch files (`promtool test
 * rules` keeps a TSDB in a test_storage* directory, and leaves it behind when a test fails) go below the
 * test process' directory, which is removed when it exits.
 */
function toolEnvironment(): NodeJS.ProcessEnv {
  toolEnv ??= { ...process.env, NO_COLOR: '1', TMPDIR: tempDir('monstack-tool-tmp-') };
  return toolEnv;
}

export function runTool(tool: string, args: readonly string[], cwd?: string): ToolResult {
  const r = spawnSync(requireTool(tool), args, { cwd, encoding: 'utf8', env: toolEnvironment() });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking, so that slow promtool unit tests can run side by side. */
export function runToolAsync(tool: string, args: readonly string[], cwd?: string): Promise<ToolResult> {
  const file = requireTool(tool);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env: toolEnvironment() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.on('error', reject);
  });
}

/** Runs a tool and fails with its command line and full output unless it exits 0. */
export function assertToolPasses(tool: string, args: readonly string[], cwd?: string): string {
  const r = runTool(tool, args, cwd);
  const output = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} exited ${r.status}${cwd ? ` (in ${cwd})` : ''}:\n${output}`);
  return output;
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
