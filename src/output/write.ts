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

/**
 * What the user keeps beside the compose file, as the README and `monstack secrets` tell them to: the
 * `.env` of credentials and the `secrets/` files of credentials issued elsewhere. Synth never writes
 * them and must not delete them when it swaps a directory in: a lost `.env` means new random passwords
 * that no longer match the ones Elasticsearch and Grafana stored on first start.
 */
export const USER_OWNED = ['.env', 'secrets'] as const;

function swapIn(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const old = `${to}.old-${process.pid}`;
  // Copied, not moved: until the swap is done the previous directory keeps them intact.
  for (const name of USER_OWNED) {
    const kept = path.join(to, name);
    if (fs.existsSync(kept) && !fs.existsSync(path.join(from, name))) {
      fs.cpSync(kept, path.join(from, name), { recursive: true, preserveTimestamps: true });
    }
  }
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
