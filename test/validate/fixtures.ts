/** Good output rendered from a built-in environment into a temp dir, for tests to break one thing at a time. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { userSecretsOfStack } from '../../src/commands/validate';
import { newStack } from '../../src/build-stack';
import { loadEnvironment } from '../../src/config/load';
import { renderCompose, COMPOSE_FILE } from '../../src/render/compose/renderer';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { toYaml } from '../../constructs/yaml';
import { formatProblem, Problem, validateOutput, ValidateOptions } from '../../src/validate';
import { tempDir, writeFiles } from '../helpers/cli';
import { stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = Record<string, any>;

export function renderedKubernetes(env = 'prod'): string {
  const dir = path.join(tempDir('monstack-validate-'), 'k8s', env);
  writeFiles(dir, renderKubernetes(stackOf(env)));
  return dir;
}

export function renderedCompose(env = 'prod'): string {
  const dir = path.join(tempDir('monstack-validate-'), 'compose', env);
  writeFiles(dir, renderCompose(stackOf(env)));
  return dir;
}

export function optionsFor(env = 'prod'): ValidateOptions {
  const environment = loadEnvironment(env);
  return { userSecrets: userSecretsOfStack(newStack(environment)), bindAddress: environment.bindAddress };
}

export function problemsIn(dir: string, env = 'prod'): Problem[] {
  return validateOutput(dir, optionsFor(env)).problems;
}

/** Rewrites the one object of a kind and name in a manifest file. */
export function editManifest(dir: string, file: string, kind: string, name: string, edit: (doc: Doc) => void): void {
  const full = path.join(dir, file);
  const docs = yaml.loadAll(fs.readFileSync(full, 'utf8')) as Doc[];
  const doc = docs.find((d) => d.kind === kind && d.metadata.name === name);
  if (!doc) throw new Error(`no ${kind}/${name} in ${file}`);
  edit(doc);
  fs.writeFileSync(full, docs.map((d) => toYaml(d)).join('---\n'));
}

export function addManifest(dir: string, file: string, doc: Doc): void {
  fs.writeFileSync(path.join(dir, file), toYaml(doc));
}

export function editCompose(dir: string, edit: (doc: Doc) => void): void {
  const full = path.join(dir, COMPOSE_FILE);
  const doc = yaml.load(fs.readFileSync(full, 'utf8')) as Doc;
  edit(doc);
  fs.writeFileSync(full, toYaml(doc));
}

/** The one problem a test expects, found by check and path, or a failure listing what was found. */
export function problemAt(problems: readonly Problem[], check: string, pathPart: string): Problem {
  const found = problems.filter((p) => p.check === check && (p.path ?? '').includes(pathPart));
  if (found.length !== 1) {
    throw new Error(`expected one [${check}] problem at ${pathPart}, found ${found.length} among:\n${problems.map(formatProblem).join('\n')}`);
  }
  return found[0];
}
