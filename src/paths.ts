import * as path from 'path';

/** The package root: compiled code runs from lib/src/, data files stay in the source tree. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
export const BUILTIN_ENVIRONMENTS_DIR = path.join(PACKAGE_ROOT, 'src', 'environments');
/** Synth's and validate's output directory unless `--out`/`--dir` names one: `dist` in the working directory. */
export const DEFAULT_OUT_DIR = 'dist';
