/** Reads a synthesized output directory (Kubernetes manifests or a compose stack) for the checks. */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { Problem } from './problem';

export type OutputKind = 'k8s' | 'compose';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;

/** A Kubernetes object and where it came from. */
export interface Manifest {
  readonly file: string;
  readonly index: number;
  readonly doc: Obj;
  /** `Kind/name`, for messages. */
  readonly id: string;
}

export const COMPOSE_FILE_NAMES = ['docker-compose.monitoring.yml', 'docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];

export function composeFileIn(dir: string): string | undefined {
  return COMPOSE_FILE_NAMES.find((name) => isRegularFile(path.join(dir, name)));
}

export function detectKind(dir: string): OutputKind {
  if (composeFileIn(dir)) return 'compose';
  if (fs.existsSync(path.join(dir, 'kustomization.yaml')) || listFiles(dir).some((f) => /\.ya?ml$/.test(f))) return 'k8s';
  throw new Error(`${dir} holds neither a compose file nor Kubernetes manifests`);
}

/** A regular file, or a link to one: reading a FIFO or a device would block or never end. */
export function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Every regular file below dir, relative, sorted. */
export function listFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (isRegularFile(path.join(dir, child))) found.push(child);
    }
  };
  walk('');
  return found.sort();
}

export function parseYamlDocs(text: string, file: string, problems: Problem[]): unknown[] {
  try {
    return yaml.loadAll(text);
  } catch (e) {
    problems.push({ file, check: 'syntax', message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` });
    return [];
  }
}

export function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function loadManifests(dir: string, label: string, problems: Problem[]): Manifest[] {
  const manifests: Manifest[] = [];
  for (const rel of listFiles(dir).filter((f) => /\.ya?ml$/.test(f) && path.basename(f) !== 'kustomization.yaml')) {
    const file = `${label}/${rel}`;
    parseYamlDocs(fs.readFileSync(path.join(dir, rel), 'utf8'), file, problems).forEach((doc, index) => {
      if (doc === null || doc === undefined) return;
      if (!isObject(doc)) {
        problems.push({ file, check: 'schema', message: `document ${index + 1} is not an object` });
        return;
      }
      manifests.push({ file, index, doc, id: `${doc.kind ?? '?'}/${doc.metadata?.name ?? '?'}` });
    });
  }
  return manifests;
}
