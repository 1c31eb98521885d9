/** The committed dist/ and its environment directories. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const COMMITTED = path.resolve(__dirname, '..', '..', '..', 'dist');

export function outputDirs(target: 'k8s' | 'compose'): string[] {
  const root = path.join(COMMITTED, target);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(root, e.name))
    .sort();
}
