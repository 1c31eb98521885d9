/** The run's child processes: started with a log file each, stopped by their own id, all stopped at the end. */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface StartOptions {
  readonly env?: Readonly<Record<string, string>>;
  /** Run as this system user, e.g. postgres, which refuses to run as root (set directly, so signals reach the process itself). */
  readonly user?: string;
}

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
}

export class Processes {
  private readonly running = new Map<string, Running>();

  constructor(private readonly logDir: string) {
    fs.mkdirSync(logDir, { recursive: true });
  }

  logOf(name: string): string {
    return path.join(this.logDir, `${name}.log`);
  }

  start(name: string, command: string, args: readonly string[], options: StartOptions = {}): void {
    if (this.running.has(name)) throw new Error(`${name} is already running`);
    const log = fs.openSync(this.logOf(name), 'a');
    // A minimal environment: the services read only what the compose file gives them.
    const env = { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', ...options.env };
    const ids = options.user ? { uid: idOf(options.user, '-u'), gid: idOf(options.user, '-g') } : {};
    const child = spawn(command, [...args], { env, stdio: ['ignore', log, log], ...ids });
    fs.closeSync(log);
    const exited = new Promise<void>((resolve) => {
      child.on('exit', () => resolve());
      child.on('error', (err) => {
        fs.appendFileSync(this.logOf(name), `spawn failed: ${err.message}\n`);
        resolve();
      });
    });
    this.running.set(name, { child, exited });
    void exited.then(() => this.running.get(name)?.child === child && this.running.delete(name));
  }

  isRunning(name: string): boolean {
    return this.running.has(name);
  }

  /** Stops one process (SIGTERM, or the signal given; SIGKILL after `graceMs`) and waits for it. */
  async stop(name: string, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
    const p = this.running.get(name);
    if (!p) return;
    p.child.kill(signal);
    const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
    await p.exited;
    clearTimeout(timer);
    this.running.delete(name);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((name) => this.stop(name)));
  }

  /** The last lines of a process' log, for a failure message. */
  tail(name: string, lines = 15): string {
    try {
      return fs.readFileSync(this.logOf(name), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

function idOf(user: string, flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
}
