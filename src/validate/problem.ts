/** One thing wrong in a synthesized output, with where it is. */
export interface Problem {
  /** File path, relative to the validated directory's parent output root when known. */
  readonly file: string;
  /** `Kind/name` of a Kubernetes object, or the compose service / rule group it concerns. */
  readonly object?: string;
  /** JSON path inside the object or file, e.g. `.spec.template.spec.containers[0].image`. */
  readonly path?: string;
  /** Which check found it: schema, reference, security, credentials, probe, bind-mount, port, promql. */
  readonly check: string;
  readonly message: string;
}

/** `.a.b[0].c` from path segments; keys that are not identifiers are quoted. */
export function jsonPath(segments: readonly (string | number)[]): string {
  return segments
    .map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`))
    .join('');
}

export function formatProblem(p: Problem): string {
  const where = [p.file, p.object, p.path].filter((x) => x !== undefined && x !== '').join(' ');
  return `${where}: [${p.check}] ${p.message}`;
}
