/**
 * How synth recognises its own output. The output root holds `.monstack-output`, and every directory
 * synth writes (`k8s/dev`, `compose/dev`, …) holds `.monstack-files`, the list of the files synth put
 * there. Synth replaces only a directory that holds that list and only the files on it; anything else in
 * it (the user's `.env`, `secrets/`, an override file) is carried over, and directories without the
 * list are never touched. Both markers are deterministic, so the committed dist/ keeps them.
 */
import * as fs from 'fs';
import * as path from 'path';

export const ROOT_MARKER = '.monstack-output';
export const UNIT_MARKER = '.monstack-files';

export const ROOT_MARKER_TEXT = [
  '# Output of `monstack synth`. Synth rewrites only the directories holding a .monstack-files list and,',
  '# in them, only the files on that list; everything else under this directory is left as it is.',
  '',
].join('\n');

const UNIT_MARKER_HEADER = '# Written by `monstack synth`; it replaces these files and keeps every other file here.';

export function unitMarkerText(files: Iterable<string>): string {
  return `${[UNIT_MARKER_HEADER, ...[...files].sort()].join('\n')}\n`;
}

/** The files a unit directory's marker lists, or undefined when the directory holds no marker. */
export function ownedFiles(unitDir: string): Set<string> | undefined {
  const marker = path.join(unitDir, UNIT_MARKER);
  let text: string;
  try {
    // Only a regular file is synth's list: a FIFO in its place would block the read.
    if (!fs.lstatSync(marker).isFile()) return undefined;
    text = fs.readFileSync(marker, 'utf8');
  } catch {
    return undefined;
  }
  return new Set(text.split('\n').filter((line) => line !== '' && !line.startsWith('#')));
}

export function hasRootMarker(outDir: string): boolean {
  try {
    return fs.lstatSync(path.join(outDir, ROOT_MARKER)).isFile();
  } catch {
    return false;
  }
}
