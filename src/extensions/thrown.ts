/**
 * What an extension module threw, as one line for the user: the message (for any value — an Error, a
 * string, null, an object) and the place in the user's code the stack points at, never the stack itself.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { inspect } from 'util';
import { PACKAGE_ROOT } from '../paths';

export function messageOf(value: unknown): string {
  if (value instanceof Error) return value.message ? `${value.message}` : value.name;
  if (typeof value === 'string') return value || '(an empty string)';
  if (value === null || value === undefined) return `threw ${String(value)}`;
  if (typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') return (value as { message: string }).message;
  return `threw ${inspect(value, { depth: 2, breakLength: Infinity })}`;
}

interface Place {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

const FRAME = /(?:^at (?:async )?|\()((?:file:\/\/)?\/[^\s()]*?):(\d+):(\d+)\)?$/;
const CJS_SYNTAX_HEAD = /^((?:file:\/\/)?\/[^\n]*?):(\d+)\n/;

function toPath(file: string): string {
  return file.startsWith('file://') ? fileURLToPath(file) : file;
}

/** Code of monstack itself and of its dependencies: a frame there is not where the user's mistake is. */
function isOurs(file: string): boolean {
  return file.startsWith(path.join(PACKAGE_ROOT, 'lib') + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`);
}

/**
 * Where in the user's code the value was thrown: a frame in the module itself if the stack has one, else
 * the first frame outside monstack and Node (a helper the module requires).
 */
export function placeOf(value: unknown, module: string): Place | undefined {
  if (!(value instanceof Error) || typeof value.stack !== 'string') return undefined;
  const head = CJS_SYNTAX_HEAD.exec(value.stack); // a CommonJS syntax error starts with file:line
  if (head) return { file: toPath(head[1]), line: Number(head[2]) };
  const frames = value.stack
    .split('\n')
    .map((line) => FRAME.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: toPath(m[1]), line: Number(m[2]), column: Number(m[3]) }));
  return frames.find((f) => f.file === module) ?? frames.find((f) => !isOurs(f.file));
}

/** Node's stack of an ES module's syntax error has no position; `node --check` prints it. */
export function syntaxErrorPlace(module: string): Place | undefined {
  const r = spawnSync(process.execPath, ['--check', module], { encoding: 'utf8' });
  const head = CJS_SYNTAX_HEAD.exec(r.stderr ?? '');
  return head ? { file: toPath(head[1]), line: Number(head[2]) } : undefined;
}

export function formatPlace(place: Place | undefined): string {
  if (!place) return '';
  return ` (at ${place.file}:${place.line}${place.column !== undefined ? `:${place.column}` : ''})`;
}
