/** Builds and renders stacks for tests, and reads rendered YAML back. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { ResolvedServiceSpec } from '../../constructs';
import { EnvironmentStack, newStack } from '../../src/build-stack';
import { Environment } from '../../src/config/environment';
import { ConfigError } from '../../src/config/errors';
import { loadEnvironment } from '../../src/config/load';
import { ComposePlatform } from '../../src/render/compose/platform';
import { COMPOSE_FILE, renderCompose } from '../../src/render/compose/renderer';
import { KubernetesPlatform } from '../../src/render/kubernetes/platform';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { tempDir } from './temp';

/**
 * The stack of an environment without extension modules, built synchronously; an environment with
 * extensions needs `await buildStack(env)`, which runs them.
 */
function stackWithoutExtensions(env: Environment): EnvironmentStack {
  if (env.extensions.length > 0) throw new Error(`${env.name} has extension modules: use await buildStack(env)`);
  return newStack(env);
}

export function stackOf(env: string): EnvironmentStack {
  return stackWithoutExtensions(loadEnvironment(env));
}

export function kubernetesSpecs(env: string): ResolvedServiceSpec[] {
  const stack = stackOf(env);
  return stack.describe(new KubernetesPlatform(stack.environment.namespace));
}

export function composeSpecs(env: string): ResolvedServiceSpec[] {
  return stackOf(env).describe(new ComposePlatform());
}

export function specNamed(specs: readonly ResolvedServiceSpec[], name: string): ResolvedServiceSpec {
  const spec = specs.find((s) => s.name === name);
  if (!spec) throw new Error(`no service ${name} among ${specs.map((s) => s.name).join(', ')}`);
  return spec;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: any };

export function manifests(text: string): Manifest[] {
  return yaml.loadAll(text).filter((d): d is Manifest => d !== null && typeof d === 'object');
}

export function findManifest(docs: readonly Manifest[], kind: string, name: string): Manifest {
  const doc = docs.find((d) => d.kind === kind && d.metadata.name === name);
  if (!doc) throw new Error(`no ${kind}/${name} among ${docs.map((d) => `${d.kind}/${d.metadata.name}`).join(', ')}`);
  return doc;
}

/** The ConfigError that loading an environment file of this text raises (a file of its own, removed after). */
export function configErrorOf(text: string): ConfigError {
  const dir = tempDir('monstack-env-');
  const file = path.join(dir, 'custom.yaml');
  fs.writeFileSync(file, text);
  try {
    loadEnvironment(file);
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return assert.fail('expected a ConfigError');
}

/** A stack from an environment file's text, loaded by path as a user's file is. */
export function stackFromYaml(text: string): EnvironmentStack {
  const file = path.join(tempDir('monstack-env-'), 'custom.yaml');
  fs.writeFileSync(file, text);
  return stackWithoutExtensions(loadEnvironment(file));
}

/** The compose file of a stack, parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function composeServices(stack: EnvironmentStack): Record<string, any> {
  return (yaml.load(renderCompose(stack).get(COMPOSE_FILE)!) as { services: Record<string, unknown> }).services;
}

/** The Kubernetes objects rendered for one service of a stack. */
export function kubernetesObjects(stack: EnvironmentStack, service: string): Manifest[] {
  const text = renderKubernetes(stack).get(`${service}.yaml`);
  if (text === undefined) throw new Error(`no ${service}.yaml among the manifests`);
  return manifests(text);
}

/** The first container of a workload. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function mainContainer(workload: Manifest): any {
  return workload.spec.template.spec.containers[0];
}

/** A container's plain environment as a record (secret references left out). */
export function plainEnv(container: { env?: { name: string; value?: string }[] }): Record<string, string> {
  return Object.fromEntries((container.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value as string]));
}
