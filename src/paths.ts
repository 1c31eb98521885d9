import * as path from 'path';

/** The package root: compiled code runs from lib/src/, data files stay in the source tree. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
export const BUILTIN_ENVIRONMENTS_DIR = path.join(PACKAGE_ROOT, 'src', 'environments');
export const DEFAULT_OUT_DIR = path.join(PACKAGE_ROOT, 'dist');
