/**
 * A manifest file of the Kubernetes targets: its objects in the order they are added, each as
 * cdk8s-plus-28's L1 class renders it (the class's static `manifest()`), from props prepared as a cdk8s
 * chart's synthesis prepares them — keys sorted, null and undefined dropped, an IntOrString or Quantity as
 * the `{ value }` the class reads, empty maps and lists dropped from the metadata. That is the JSON
 * `Chart.toJson()` gives for the same objects (test/render/manifest-file.test.ts holds the two equal for
 * every object synth renders), without building an app per file, resolving every value against the app's
 * resolvers and validating it, which cost about 30 ms a synth.
 */
import { manifestsYaml } from './manifest-yaml';

/** An L1 class of cdk8s-plus-28 (`k8s.KubeDeployment`, …), by its static `manifest()`. */
export interface L1Kind<P> {
  manifest(props?: P): unknown;
}

interface WithMetadata {
  readonly metadata?: { readonly name?: string };
}

export class ManifestFile {
  private readonly objects: unknown[] = [];

  /** `props` typed by the class (as its constructor would take them). */
  add<P extends WithMetadata>(kind: L1Kind<P>, props: NoInfer<P>): void {
    // A chart would make up a name from the construct path; every object here names itself.
    if (!props.metadata?.name) throw new Error(`a ${kindName(kind)} without metadata.name`);
    const metadata = synthesized(props.metadata, true);
    this.objects.push(kind.manifest(synthesized({ ...props, metadata }, false) as P));
  }

  /** The objects as JSON, as added. */
  get documents(): readonly unknown[] {
    return this.objects;
  }

  get yaml(): string {
    return manifestsYaml(this.objects);
  }
}

/** The YAML of the file `build` fills. */
export function manifestFileYaml(build: (file: ManifestFile) => void): string {
  const file = new ManifestFile();
  build(file);
  return file.yaml;
}

function kindName(kind: unknown): string {
  return typeof kind === 'function' && kind.name ? kind.name : 'Kubernetes object';
}

/**
 * A value as a chart's synthesis leaves it for the L1 class: cdk8s resolves union types (an object of
 * another class whose `value` is a string or number) to `{ value }` and sanitizes the rest (keys sorted,
 * null and undefined entries dropped; in the metadata, empty objects and lists too).
 */
function synthesized(value: unknown, dropEmpty: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return dropEmpty && value.length === 0 ? undefined : value.map((v) => synthesized(v, dropEmpty));
  if (value.constructor !== Object) {
    const inner = (value as { value?: unknown }).value;
    if (typeof inner === 'string' || typeof inner === 'number') return { value: inner };
    throw new Error(`cannot render an object of class ${value.constructor?.name ?? '(none)'} into a manifest`);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = synthesized((value as Record<string, unknown>)[key], dropEmpty);
    if (v !== undefined && v !== null) out[key] = v;
  }
  return dropEmpty && Object.keys(out).length === 0 ? undefined : out;
}
