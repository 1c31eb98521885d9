/** The files of an environment, base first, and where in them a key is set. */
import { lineOfKeyPath } from './yaml-lines';
import { EnvironmentFile } from './schema';

export interface Layer {
  readonly file: string;
  readonly text: string;
  readonly content: EnvironmentFile;
}

/** Where a key path is set: the last (most derived) layer that holds it. */
export interface Source {
  readonly file: string;
  readonly line?: number;
  /** Position of the layer in the chain, base first. */
  readonly layer: number;
}

export function valueAt(doc: unknown, path: readonly string[]): unknown {
  let at: unknown = doc;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

export function sourceOf(layers: readonly Layer[], path: readonly string[]): Source | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    if (valueAt(layers[i].content, path) !== undefined) return { file: layers[i].file, line: lineOfKeyPath(layers[i].text, path), layer: i };
  }
  return undefined;
}

/** `file:line`, for naming the other side of a contradiction. */
export function where(source: Source): string {
  return `${source.file}${source.line !== undefined ? `:${source.line}` : ''}`;
}
