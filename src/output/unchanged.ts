/**
 * A unit directory that already holds, byte for byte, every file synth would write there and the same list
 * of them needs no write: reading it back costs less than staging, swapping and removing a copy, and its
 * files keep their timestamps. The user's files in it are left where they are, as a write would carry them
 * over. Anything else — a file missing, different or not a regular file, a symbolic link on the way — and
 * the unit is written as usual.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RenderedFiles } from '../render/output';
import { UNIT_MARKER, unitMarkerText } from './ownership';

export function holdsExactly(target: string, files: RenderedFiles): boolean {
  if (!isRegularFileWith(path.join(target, UNIT_MARKER), unitMarkerText(files.keys()))) return false;
  const dirs = new Set<string>();
  for (const file of files.keys()) for (let d = path.posix.dirname(file); d !== '.'; d = path.posix.dirname(d)) dirs.add(d);
  for (const dir of dirs) {
    if (!lstatOf(path.join(target, dir))?.isDirectory()) return false;
  }
  for (const [file, contents] of files) {
    if (!isRegularFileWith(path.join(target, file), contents)) return false;
  }
  return true;
}

function isRegularFileWith(file: string, contents: string): boolean {
  const stat = lstatOf(file);
  if (!stat?.isFile() || stat.size !== Buffer.byteLength(contents)) return false;
  return fs.readFileSync(file, 'utf8') === contents;
}

function lstatOf(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch {
    return undefined;
  }
}
