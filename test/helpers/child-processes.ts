/**
 * Stopping a server a test started: SIGTERM, SIGKILL after a grace period, and only then done. A test
 * that removes the server's data directory before the process has exited races its last writes
 * (Alertmanager writes its snapshot on shutdown: rmdir then fails with ENOTEMPTY).
 */
import { ChildProcess } from 'node:child_process';

export async function stopChild(child: ChildProcess | undefined, graceMs = 10_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
