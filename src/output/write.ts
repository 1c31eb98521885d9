/**
 * Writes synthesized output so that a failure leaves the previous output as it was: everything is
 * written to a temporary directory beside the target first, then each unit (`k8s/dev`, …) is swapped
 * in with renames.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RenderedFiles } from '../render/output';

/** A directory of output, relative to the output root, and its files. */
export interface OutputUnit {
  readonly dir: string;
  readonly files: RenderedFiles;
}

export function writeUnits(outDir: string, units: readonly OutputUnit[], removeStale: (dir: string) => boolean = () => false): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(outDir, '.staging-'));
  const written: string[] = [];
  try {
    for (const unit of units) {
      for (const [file, contents] of unit.files) {
        const target = path.join(staging, unit.dir, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, contents);
        written.push(path.join(unit.dir, file));
      }
    }
    for (const unit of units) swapIn(path.join(staging, unit.dir), path.join(outDir, unit.dir));
    removeStaleUnits(outDir, units, removeStale);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return written;
}

function swapIn(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const old = `${to}.old-${process.pid}`;
  if (fs.existsSync(to)) fs.renameSync(to, old);
  fs.renameSync(from, to);
  fs.rmSync(old, { recursive: true, force: true });
}

/** Unit directories of the same kind (siblings of a written unit) that the caller says are stale. */
function removeStaleUnits(outDir: string, units: readonly OutputUnit[], isStale: (dir: string) => boolean): void {
  const parents = new Set(units.map((u) => path.dirname(u.dir)));
  const kept = new Set(units.map((u) => u.dir));
  for (const parent of parents) {
    for (const entry of fs.readdirSync(path.join(outDir, parent))) {
      const dir = path.join(parent, entry);
      if (!kept.has(dir) && isStale(dir)) fs.rmSync(path.join(outDir, dir), { recursive: true, force: true });
    }
  }
}
