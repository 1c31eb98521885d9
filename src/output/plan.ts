/**
 * Every check synth makes of the output directory, made before the first write: the directory itself,
 * a file where a directory must go, a directory synth did not write, a file of the user's where synth
 * would now write one, a rendered path that would leave its directory. The plan it returns says, per
 * unit directory, what to write and which of the user's files to carry over.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RenderedFiles } from '../render/output';
import { checkOutDir, OutputError } from './out-dir';
import { ownedFiles, ROOT_MARKER, ROOT_MARKER_TEXT, UNIT_MARKER } from './ownership';

/** A directory of output, relative to the output root, and its files. */
export interface OutputUnit {
  readonly dir: string;
  readonly files: RenderedFiles;
}

export interface UnitPlan {
  readonly dir: string;
  readonly target: string;
  readonly files: RenderedFiles;
  /** Entries (files, or whole directories) of the existing directory that synth did not write, relative to it. */
  readonly kept: readonly string[];
  /** An obsolete unit with nothing of the user's in it: the directory goes. */
  readonly remove: boolean;
}

export interface WritePlan {
  readonly outDir: string;
  readonly writeRootMarker: boolean;
  readonly units: readonly UnitPlan[];
}

/**
 * Checks everything and plans the write, without writing. `obsolete` are unit directories synth wrote
 * before and no longer renders (an environment's runbooks once its Prometheus is off): they go, unless
 * synth did not write them.
 */
export function planWrite(outDirArg: string, units: readonly OutputUnit[], obsolete: readonly string[] = [], cwd?: string): WritePlan {
  const outDir = checkOutDir(outDirArg, cwd);
  const dirs = units.map((u) => u.dir);
  const twice = dirs.find((d, i) => dirs.indexOf(d) !== i);
  if (twice) throw new OutputError(`two environments would both write ${twice}: give them different file names`);
  const planned = units.map((unit) => planUnit(outDir, unit.dir, unit.files));
  for (const dir of obsolete.filter((d) => !dirs.includes(d))) {
    const target = path.join(outDir, checkRelative(dir, 'an output directory'));
    if (!isDirectory(target) || ownedFiles(target) === undefined) continue; // not ours: left alone
    const unit = planUnit(outDir, dir, new Map());
    planned.push({ ...unit, remove: unit.kept.length === 0 });
  }
  return { outDir, writeRootMarker: readOr(path.join(outDir, ROOT_MARKER)) !== ROOT_MARKER_TEXT, units: planned };
}

function planUnit(outDir: string, dir: string, files: RenderedFiles): UnitPlan {
  const target = path.join(outDir, checkRelative(dir, 'an output directory'));
  for (const file of files.keys()) {
    checkRelative(file, `a file of ${dir}`);
    if (file === UNIT_MARKER) throw new OutputError(`${dir}: a rendered file may not be named ${UNIT_MARKER}, synth's own list of what it wrote`);
  }
  checkAncestors(outDir, dir);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(target);
  } catch {
    return { dir, target, files, kept: [], remove: false };
  }
  if (!stat.isDirectory()) throw new OutputError(`${target} is ${stat.isSymbolicLink() ? 'a symbolic link' : 'a file'}, not a directory synth wrote: move it away, synth writes ${dir}/ there`);
  const owned = ownedFiles(target);
  if (owned === undefined && fs.readdirSync(target).length > 0) {
    throw new OutputError(
      `${target} exists and was not written by this monstack (it holds no ${UNIT_MARKER} list): ` +
        'move it away (keeping your .env and secrets/) or name another --out; synth never replaces a directory it did not write',
    );
  }
  // A file off the list that already holds exactly what synth would write loses nothing when taken over.
  const kept = keptEntries(target, new Set([...(owned ?? []), ...files.keys()]), owned ?? new Set()).filter((k) => !(files.has(k) && readOr(path.join(target, k)) === files.get(k)));
  for (const file of files.keys()) {
    const clash = kept.find((k) => k === file || file.startsWith(`${k}/`) || k.startsWith(`${file}/`));
    if (clash) throw new OutputError(`${path.join(target, clash)} is not on synth's list of what it wrote, and synth would now write ${file} there: move it away`);
  }
  return { dir, target, files, kept, remove: false };
}

/** A relative path that stays below its directory, or an OutputError naming what it is. */
function checkRelative(rel: string, what: string): string {
  const parts = rel.split('/');
  if (rel === '' || path.isAbsolute(rel) || rel.includes('\\') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new OutputError(`${what} is named "${rel}", which would leave the output directory`);
  }
  return rel;
}

/** Each directory between the output root and a unit must be a directory, or absent. */
function checkAncestors(outDir: string, dir: string): void {
  const parts = dir.split('/');
  for (let i = 1; i < parts.length; i++) {
    const at = path.join(outDir, ...parts.slice(0, i));
    if (fs.existsSync(at) && !isDirectory(at)) throw new OutputError(`${at} is a file, not a directory: synth writes ${dir}/ there; move it away`);
  }
}

/**
 * The entries of a unit directory that are not on its list: the user's, carried over on every write. A
 * directory holding files synth wrote or will write is walked into, so the user's files in it are kept
 * one by one; any other directory is kept whole.
 */
function keptEntries(dir: string, synths: ReadonlySet<string>, owned: ReadonlySet<string>): string[] {
  const kept: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (child === UNIT_MARKER || owned.has(child)) continue;
      const holdsSynths = entry.isDirectory() && [...synths].some((f) => f.startsWith(`${child}/`));
      if (holdsSynths) walk(child);
      else kept.push(child);
    }
  };
  walk('');
  return kept;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A regular file's text; anything else (a FIFO would block the read for ever) has none. */
function readOr(file: string): string | undefined {
  try {
    return fs.lstatSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
