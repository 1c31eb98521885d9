/**
 * Writes synthesized output all or nothing. Every check runs first (`planWrite`); then every unit
 * directory (`k8s/dev`, …) is written in full to a staging directory inside the output root, with the
 * user's files of the directory it replaces copied in; then the units are swapped in with renames. If any
 * step fails, the renames done so far are undone, so the previous output stays byte for byte as it was.
 */
import * as fs from 'fs';
import * as path from 'path';
import { OutputUnit, planWrite, UnitPlan, WritePlan } from './plan';
import { ROOT_MARKER, ROOT_MARKER_TEXT, UNIT_MARKER, unitMarkerText } from './ownership';
import { holdsExactly } from './unchanged';

export { OutputUnit } from './plan';

export interface WriteOptions {
  /** Unit directories synth no longer renders; removed when synth wrote them (see `planWrite`). */
  readonly obsolete?: readonly string[];
  /** Resolves a relative output directory. */
  readonly cwd?: string;
  /** The rename that swaps units in; tests pass one that fails to prove the rollback. */
  readonly rename?: (from: string, to: string) => void;
}

/** Writes the units below `outDir` and returns the files written, relative to it. */
export function writeUnits(outDir: string, units: readonly OutputUnit[], options: WriteOptions = {}): string[] {
  const plan = planWrite(outDir, units, options.obsolete, options.cwd);
  applyPlan(plan, options.rename ?? fs.renameSync);
  return units.flatMap((unit) => [...unit.files.keys()].map((file) => path.join(unit.dir, file)));
}

class IncompleteRollback extends Error {}

interface Swap {
  readonly target: string;
  /** What takes the target's place; none for a directory that goes. */
  readonly staged?: string;
}

function applyPlan(plan: WritePlan, rename: (from: string, to: string) => void): void {
  const units = plan.units.filter((unit) => unit.remove || !holdsExactly(unit.target, unit.files));
  if (units.length === 0 && !plan.writeRootMarker) return;
  const created: string[] = [];
  let staging: string | undefined;
  try {
    makeDirs(plan.outDir, created);
    staging = fs.mkdtempSync(path.join(plan.outDir, '.monstack-staging-'));
    const swaps = units.map((unit, i) => ({ target: unit.target, staged: unit.remove ? undefined : stageUnit(unit, path.join(staging!, 'new', String(i))) }));
    if (plan.writeRootMarker) {
      const marker = path.join(staging, ROOT_MARKER);
      fs.writeFileSync(marker, ROOT_MARKER_TEXT);
      swaps.push({ target: path.join(plan.outDir, ROOT_MARKER), staged: marker });
    }
    const trash = path.join(staging, 'old');
    fs.mkdirSync(trash);
    commit(swaps, trash, rename, created);
  } catch (e) {
    // When a rollback could not finish, the staging directory holds the previous copies: it stays.
    if (e instanceof IncompleteRollback) throw e;
    if (staging) fs.rmSync(staging, { recursive: true, force: true });
    removeEmptyDirs(created);
    throw e;
  }
  try {
    fs.rmSync(staging, { recursive: true, force: true });
  } catch {
    // The output is complete; a leftover staging directory holds only the replaced copies.
  }
}

/** Writes a unit's files, its list of them and the user's entries of the directory it replaces. */
function stageUnit(unit: UnitPlan, at: string): string {
  fs.mkdirSync(at, { recursive: true });
  // Each directory made once, not once per file in it.
  const dirs = new Set([...unit.files.keys()].map((file) => path.posix.dirname(file)).filter((d) => d !== '.'));
  for (const dir of dirs) fs.mkdirSync(path.join(at, dir), { recursive: true });
  for (const [file, contents] of unit.files) fs.writeFileSync(path.join(at, file), contents);
  fs.writeFileSync(path.join(at, UNIT_MARKER), unitMarkerText(unit.files.keys()));
  // Copied, not moved: until the swap is done the previous directory keeps them intact.
  for (const entry of unit.kept) {
    const to = path.join(at, entry);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.cpSync(path.join(unit.target, entry), to, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  }
  return at;
}

/** Renames every swap into place; on a failure, renames back what was done, last first. */
function commit(swaps: readonly Swap[], trash: string, rename: (from: string, to: string) => void, created: string[]): void {
  const done: { swap: Swap; old?: string; placed: boolean }[] = [];
  try {
    swaps.forEach((swap, i) => {
      makeDirs(path.dirname(swap.target), created);
      const step: { swap: Swap; old?: string; placed: boolean } = { swap, placed: false };
      done.push(step);
      if (fs.existsSync(swap.target)) {
        rename(swap.target, path.join(trash, String(i)));
        step.old = path.join(trash, String(i));
      }
      if (swap.staged) {
        rename(swap.staged, swap.target);
        step.placed = true;
      }
    });
  } catch (e) {
    const unrestored: string[] = [];
    for (const step of done.reverse()) {
      try {
        if (step.placed) fs.renameSync(step.swap.target, step.swap.staged!);
        if (step.old) fs.renameSync(step.old, step.swap.target);
      } catch {
        unrestored.push(step.old ? `${step.swap.target} (its previous contents are in ${step.old})` : step.swap.target);
      }
    }
    if (unrestored.length) throw new IncompleteRollback(`${(e as Error).message}; could not restore ${unrestored.join(', ')}`);
    throw e;
  }
}

/** mkdir -p that records each directory it creates, so a failed write can remove them again. */
function makeDirs(dir: string, created: string[]): void {
  if (fs.existsSync(dir)) return;
  makeDirs(path.dirname(dir), created);
  fs.mkdirSync(dir);
  created.push(dir);
}

function removeEmptyDirs(created: readonly string[]): void {
  for (const dir of [...created].reverse()) {
    try {
      fs.rmdirSync(dir);
    } catch {
      // not empty (or already gone): not ours to remove
    }
  }
}
