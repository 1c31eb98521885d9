/**
 * Loads an environment's extension modules and runs them on its stack, awaiting each. CommonJS and ES
 * modules load through `import()`, which takes both; TypeScript is refused with how to compile it (see
 * the README: a loader would run it without checking its types against the stack's).
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { AlertOverrideError } from '../../alerts/model/resolve';
import type { EnvironmentStack } from '../build-stack';
import { ConfigError } from '../config/errors';
import { overrideConfigError } from '../config/stack-props';
import { formatPlace, messageOf, placeOf, syntaxErrorPlace } from './thrown';

/** What an extension module exports: a function that changes or adds to the stack, possibly async. */
export interface StackExtension {
  extend(stack: EnvironmentStack): void | Promise<void>;
}

const TYPESCRIPT = /\.(ts|mts|cts|tsx)$/;

/** A failed extension module, named by its path. */
export class ExtensionError extends ConfigError {}

export async function runExtension(module: string, stack: EnvironmentStack): Promise<void> {
  const extend = await loadExtend(module);
  try {
    await extend(stack);
  } catch (e) {
    // An override the alerts an extension read refused is named at its file and line, as in a render.
    const placed = e instanceof AlertOverrideError ? overrideConfigError(stack.environment, e) : e;
    throw new ExtensionError(module, '', `extend failed: ${messageOf(placed)}${formatPlace(placeOf(e, module))}`);
  }
}

async function loadExtend(module: string): Promise<StackExtension['extend']> {
  if (TYPESCRIPT.test(module)) {
    const js = module.replace(TYPESCRIPT, (ext) => (ext === '.mts' ? '.mjs' : ext === '.cts' ? '.cjs' : '.js'));
    throw new ExtensionError(
      module,
      '',
      `TypeScript extension modules are not loaded directly: compile it (for example \`npx tsc --module node16 --target es2022 ${path.basename(module)}\` ` +
        `writes ${path.basename(js)} beside it) and list ${path.basename(js)} under extensions`,
    );
  }
  // A device or a FIFO would be read forever (/dev/zero) or block the import; a directory is no module.
  const stat = fs.statSync(module, { throwIfNoEntry: false });
  if (stat && !stat.isFile()) {
    throw new ExtensionError(module, '', `cannot load the extension module: it is ${stat.isDirectory() ? 'a directory' : 'not a regular file'}; list a JavaScript file`);
  }
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(module).href)) as Record<string, unknown>;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' && (e as Error).message.includes(`'${module}'`)) {
      throw new ExtensionError(module, '', 'cannot load the extension module: no such file');
    }
    const place = placeOf(e, module) ?? (e instanceof SyntaxError ? syntaxErrorPlace(module) : undefined);
    throw new ExtensionError(module, '', `cannot load the extension module: ${e instanceof Error ? e.name : 'error'}: ${messageOf(e)}${formatPlace(place)}`);
  }
  // `exports.extend` of CommonJS and `export function extend` of an ES module; also a default export holding it.
  const fallback = loaded.default as { extend?: unknown } | undefined;
  const extend = typeof loaded.extend === 'function' ? loaded.extend : typeof fallback?.extend === 'function' ? fallback.extend : undefined;
  if (typeof extend !== 'function') {
    throw new ExtensionError(module, '', 'the module must export a function extend(stack) (CommonJS: exports.extend = …; ES module: export function extend …)');
  }
  return extend as StackExtension['extend'];
}

/**
 * Runs `work` (describing or rendering the stack) and, when it fails in code an extension module added
 * (a scrape job's render function, run lazily), names that module and line instead of leaving a bare error.
 */
export async function blamingExtensions<T>(modules: readonly string[], work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const place = modules.map((m) => placeOf(e, m)).find((p) => p !== undefined && modules.includes(p.file));
    if (place) throw new ExtensionError(place.file, '', `extend failed: what it added failed while rendering: ${messageOf(e)}${formatPlace(place)}`);
    throw e;
  }
}
