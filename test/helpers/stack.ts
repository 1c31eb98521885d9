/** Builds and renders stacks for tests, and reads rendered YAML back. */
import * as yaml from 'js-yaml';
import { MonitoringStack, ResolvedServiceSpec } from '../../constructs';
import { buildStack } from '../../src/build-stack';
import { loadEnvironment } from '../../src/config/load';
import { ComposePlatform } from '../../src/render/compose/platform';
import { KubernetesPlatform } from '../../src/render/kubernetes/platform';

export function stackOf(env: string): MonitoringStack {
  return buildStack(loadEnvironment(env));
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
