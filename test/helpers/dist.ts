/** The committed dist/ and its environment directories. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinEnvironmentNames } from '../../src/config/load';
import { USER_OWNED } from '../../src/output/write';

export const COMMITTED = path.resolve(__dirname, '..', '..', '..', 'dist');

/**
 * The built-in environments: what `npm run synth` writes and the repository commits. A user's own
 * environment synthesized into dist/ (the README's `monstack synth --env envs/eu-prod.yaml`) is theirs,
 * not the committed output, and must not make `npm test` fail.
 */
export const COMMITTED_ENVIRONMENTS: ReadonlySet<string> = new Set(builtinEnvironmentNames());

/**
 * Whether a path relative to dist/ (`<target>/<env>/…`) is committed output: of a built-in environment,
 * and not one of the files the user keeps beside the compose file (`.env`, `secrets/`, git-ignored).
 */
export function isCommittedPath(relative: string): boolean {
  const [, env, name] = relative.split(path.sep);
  return COMMITTED_ENVIRONMENTS.has(env ?? '') && !(USER_OWNED as readonly string[]).includes(name ?? '');
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
