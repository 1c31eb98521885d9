/**
 * V8's code cache for the CLI's own modules and its dependencies, kept between processes in
 * lib/.compile-cache/: a synth spends much of its time parsing and compiling JavaScript (its code and
 * cdk8s-plus-28's 2.6 MB of Kubernetes types) that did not change since the last run. Node 22 has this
 * built in (`module.enableCompileCache`); Node 20 does not, so the CLI compiles its modules itself.
 *
 * Correct on any change: each entry holds the SHA-256 of the module's path, its source text and the Node
 * version, and is used only when that matches the source being loaded; V8 refuses data from another V8 or
 * other flags itself. The data is taken when the process ends, so it covers the functions the run compiled,
 * not only each module's top level. Only files of this package are cached (never an extension module of the
 * user's), one entry per file (a changed file replaces its entry). Any failure to read or write the cache
 * only means compiling as usual: a read-only install works, just without it.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_DIR = path.join(PACKAGE_ROOT, 'lib', '.compile-cache');
const HASH_BYTES = 32;

/** The package's files, and its dependencies' where node_modules is a link (a worktree sharing one). */
function packageRoots(): string[] {
  const roots = [PACKAGE_ROOT];
  try {
    const modules = fs.realpathSync(path.join(PACKAGE_ROOT, 'node_modules'));
    if (!modules.startsWith(PACKAGE_ROOT + path.sep)) roots.push(modules);
  } catch {
    // no node_modules beside lib/: the dependencies are elsewhere and not cached
  }
  return roots.map((r) => r + path.sep);
}

interface CompilingModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}

interface ModuleStatics {
  prototype: CompilingModule;
  wrap(content: string): string;
  _resolveFilename(request: string, parent: CompilingModule, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: CompilingModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
}

/** Modules compiled without usable cache data this run: their data is written when the process ends. */
const toWrite: { script: vm.Script; file: string; hash: Buffer }[] = [];

function entryOf(filename: string): string {
  return path.join(CACHE_DIR, `${crypto.createHash('sha256').update(filename).digest('hex').slice(0, 40)}.v8cache`);
}

function sourceHash(filename: string, content: string): Buffer {
  return crypto.createHash('sha256').update(`${process.version}\0${filename}\0`).update(content).digest();
}

function cachedDataFor(file: string, hash: Buffer): Buffer | undefined {
  let entry: Buffer;
  try {
    entry = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  return entry.length > HASH_BYTES && entry.subarray(0, HASH_BYTES).equals(hash) ? entry.subarray(HASH_BYTES) : undefined;
}

/** What Node's own loader passes a module as `require`. */
function requireFor(Module: ModuleStatics, mod: CompilingModule): NodeJS.Require {
  const require = ((id: string) => mod.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: unknown) => Module._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => Module._resolveLookupPaths(request, mod);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = Module._extensions as NodeJS.Require['extensions'];
  require.cache = Module._cache as NodeJS.Require['cache'];
  return require;
}

function writeEntries(): void {
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    for (const { script, file, hash } of toWrite) {
      // Written whole under a temporary name, then renamed: a concurrent process reads a complete entry or none.
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, Buffer.concat([hash, script.createCachedData()]));
      fs.renameSync(temp, file);
    }
  } catch {
    // No cache this time (a read-only install, a full disk): the next run compiles as this one did.
  }
}

function install(): void {
  const Module = require('module') as ModuleStatics;
  const compile = Module.prototype._compile;
  const roots = packageRoots();
  Module.prototype._compile = function (this: CompilingModule, content: string, filename: string) {
    // A module that may call import() is left to Node: the loader of a script that vm compiles from cached
    // data is not told how to import (and asking vm for the main loader prints an experimental warning).
    const ours = roots.some((r) => filename.startsWith(r)) && /\.c?js$/.test(filename) && !content.includes('import(');
    if (!ours) return compile.call(this, content, filename);
    const hash = sourceHash(filename, content);
    const file = entryOf(filename);
    const cachedData = cachedDataFor(file, hash);
    // A hashbang line is no JavaScript inside the wrapper: commented out, so line numbers stay.
    const source = content.startsWith('#!') ? `//${content.slice(2)}` : content;
    const script = new vm.Script(Module.wrap(source), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) {
      if (toWrite.length === 0) process.once('exit', writeEntries);
      toWrite.push({ script, file, hash });
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(Module, this), this, filename, path.dirname(filename));
  };
}

// Only for a process that runs the CLI: code that imports it (a test) compiles as Node does.
const main = require.main?.filename;
const runsTheCli = main === path.join(__dirname, 'cli.js') || main === path.join(PACKAGE_ROOT, 'bin', 'monstack');
if (runsTheCli) install();

/** Where other content-hashed caches of a CLI run live (the PromQL syntax trees); none outside the CLI. */
export function persistentCacheDir(): string | undefined {
  return runsTheCli ? CACHE_DIR : undefined;
}
