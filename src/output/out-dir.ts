/**
 * Where synth may write: a directory that is absent, empty, or monstack's own output (it holds the root
 * marker). Anything else — the filesystem root, the home directory, a directory of someone else's files
 * — is refused before anything is written, so a mistyped `--out` costs nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { hasRootMarker, ROOT_MARKER } from './ownership';

/** A refused output location or layout; the message says what to do instead. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

function realpathOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * The absolute output directory for `raw` (as given to --out, or in `option` when it came from elsewhere),
 * or an OutputError saying why not.
 */
export function checkOutDir(raw: string, cwd = process.cwd(), option = '--out'): string {
  if (raw.trim() === '') throw new OutputError(`${option} is empty: name the output directory`);
  const shown = `${option} ${raw}`;
  // Only a shell expands `~`; given through quotes or `--out=~/…` it would name a directory called "~".
  if (raw === '~' || raw.startsWith('~/')) throw new OutputError(`${shown}: "~" is not expanded here; write the path out (such as $HOME/${raw.slice(2) || 'monstack-out'})`);
  const outDir = path.resolve(cwd, raw);
  const real = realpathOrSelf(outDir);
  if (path.parse(real).root === real) throw new OutputError(`${shown}: refusing to write into the filesystem root; name a directory of its own`);
  if (real === realpathOrSelf(os.homedir())) throw new OutputError(`${shown}: refusing to write into the home directory; name a directory of its own, such as ${path.join(raw, 'monstack-out')}`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(outDir);
  } catch {
    return outDir; // absent: synth creates it
  }
  if (!stat.isDirectory()) throw new OutputError(`${shown}: ${outDir} is a file, not a directory`);
  const entries = fs.readdirSync(outDir);
  if (entries.length > 0 && !hasRootMarker(outDir)) {
    throw new OutputError(
      `${shown}: ${outDir} is not empty and is not monstack output (it has no ${ROOT_MARKER}); ` +
        'synth writes only into an absent or empty directory or its own earlier output: name another directory',
    );
  }
  return outDir;
}
