/**
 * Scratch directories for tests, all below one directory per test process that is removed when the
 * process exits, passing or failing: a run leaves nothing in the system's temporary directory.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let root: string | undefined;

function processRoot(): string {
  if (root === undefined) {
    const made = fs.mkdtempSync(path.join(os.tmpdir(), 'monstack-test-'));
    root = made;
    process.once('exit', () => {
      try {
        fs.rmSync(made, { recursive: true, force: true });
      } catch {
        // A test left something undeletable (a busy mount): nothing more to do at exit.
      }
    });
  }
  return root;
}

/** A new empty directory, removed with the others when the test process exits. */
export function tempDir(prefix = 'monstack-'): string {
  return fs.mkdtempSync(path.join(processRoot(), prefix));
}
