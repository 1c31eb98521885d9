/** The committed dist/ and its environment directories. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinEnvironmentNames } from '../../src/config/load';
import { ownedFiles, ROOT_MARKER, UNIT_MARKER } from '../../src/output/ownership';

export const COMMITTED = path.resolve(__dirname, '..', '..', '..', 'dist');

/**
 * The built-in environments: what `npm run synth` writes and the repository commits. A user's own
 * environment synthesized into dist/ (the README's `monstack synth --env envs/eu-prod.yaml`) is theirs,
 * not the committed output, and must not make `npm test` fail.
 */
export const COMMITTED_ENVIRONMENTS: ReadonlySet<string> = new Set(builtinEnvironmentNames());

/**
 * Whether a path relative to dist/ is committed output: the root marker, or a file of a built-in
 * environment's directory (`<target>/<env>/…`) on that directory's list of what synth wrote (the user's
 * `.env` and `secrets/` beside the compose file are not on it, and git-ignored).
 */
export function isCommittedPath(relative: string): boolean {
  if (relative === ROOT_MARKER) return true;
  const [target, env, ...rest] = relative.split(path.sep);
  if (!COMMITTED_ENVIRONMENTS.has(env ?? '') || rest.length === 0) return false;
  const file = rest.join('/');
  return file === UNIT_MARKER || (ownedFiles(path.join(COMMITTED, target, env)) ?? new Set()).has(file);
}

export function outputDirs(target: 'k8s' | 'compose'): string[] {
  const root = path.join(COMMITTED, target);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && COMMITTED_ENVIRONMENTS.has(e.name))
    .map((e) => path.join(root, e.name))
    .sort();
}
