/** Finding and running the validators installed on the host (promtool, amtool). */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The executable `tool` on PATH, or undefined when there is none. */
export function findOnPath(tool: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, tool);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export interface ToolOutput {
  /** Exit code; null when the tool was killed or could not start. */
  readonly status: number | null;
  /** stdout and stderr interleaved as the tool wrote them (the tools say which file on stdout, what failed on stderr). */
  readonly output: string;
  /** Why it did not run to the end, when it did not. */
  readonly failure?: string;
}

const TIMEOUT_MS = 120_000;

/** Runs a tool with both output streams in one file under `scratch`, so their order is kept. */
export function runTool(file: string, args: readonly string[], scratch: string): ToolOutput {
  const outputFile = path.join(scratch, `output-${fs.readdirSync(scratch).length}.txt`);
  const fd = fs.openSync(outputFile, 'w');
  let r: ReturnType<typeof spawnSync>;
  try {
    // Colours would end up in the report as escape codes.
    r = spawnSync(file, args, { stdio: ['ignore', fd, fd], timeout: TIMEOUT_MS, env: { ...process.env, NO_COLOR: '1' } });
  } finally {
    fs.closeSync(fd);
  }
  const output = fs.readFileSync(outputFile, 'utf8');
  if (r.error) return { status: null, output, failure: (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `did not finish within ${TIMEOUT_MS / 1000} s` : r.error.message };
  if (r.status === null) return { status: null, output, failure: `was killed by ${r.signal}` };
  return { status: r.status, output };
}
