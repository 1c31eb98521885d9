/**
 * Extension modules as a user writes them: CommonJS, ES modules (`.mjs`, a `"type": "module"` package),
 * async or not. Whatever one throws is reported as `<module>: extend failed: <message>` with its line, by
 * every command, and nothing is written or printed.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { execFileSync, spawnSync } from 'node:child_process';
import { CLI, monstack, snapshot, tempDir } from '../helpers/cli';
import { assertRefused, copyOf, fullSnapshot, populatedOutput } from '../helpers/populated';

const SCRAPE_JOB = `{ jobName: 'parameter-server', render: () => ({ job_name: 'parameter-server', static_configs: [{ targets: ['ps:9102'] }] }) }`;

interface ModuleCase {
  readonly name: string;
  /** File name of the module, relative to the environment file; a `pkg/` prefix is a "type": "module" package. */
  readonly file: string;
  readonly source: string;
  readonly message: (module: string) => RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const failing: ModuleCase[] = [
  {
    name: 'an async extend that rejects',
    file: 'reject.js',
    source: `exports.extend = async (stack) => {\n  await new Promise((resolve) => setTimeout(resolve, 10));\n  throw new Error('no such shard');\n};\n`,
    message: (m) => new RegExp(`^${escape(m)}: extend failed: no such shard \\(at ${escape(m)}:3:9\\)$`),
  },
  { name: 'throw null', file: 'null.js', source: 'exports.extend = () => {\n  throw null;\n};\n', message: (m) => new RegExp(`^${escape(m)}: extend failed: threw null$`) },
  { name: 'throw undefined', file: 'undefined.js', source: 'exports.extend = () => {\n  throw undefined;\n};\n', message: (m) => new RegExp(`^${escape(m)}: extend failed: threw undefined$`) },
  { name: 'a thrown string', file: 'string.js', source: "exports.extend = () => {\n  throw 'shard map missing';\n};\n", message: (m) => new RegExp(`^${escape(m)}: extend failed: shard map missing$`) },
  { name: 'a thrown object', file: 'object.js', source: 'exports.extend = () => {\n  throw { code: 42 };\n};\n', message: (m) => new RegExp(`^${escape(m)}: extend failed: threw \\{ code: 42 \\}$`) },
  {
    name: 'a TypeError in the module',
    file: 'type-error.js',
    source: 'exports.extend = (stack) => {\n  stack.nothing.add();\n};\n',
    message: (m) => new RegExp(`^${escape(m)}: extend failed: Cannot read properties of undefined \\(reading 'add'\\) \\(at ${escape(m)}:2:17\\)$`),
  },
  {
    name: 'a scrape job whose render function, run later, throws',
    file: 'lazy.js',
    source: "exports.extend = (stack) => stack.prometheus.addScrapeJob({\n  jobName: 'lazy',\n  render: () => { throw new Error('no targets yet'); },\n});\n",
    message: (m) => new RegExp(`^${escape(m)}: extend failed: what it added failed while rendering: no targets yet \\(at ${escape(m)}:3:\\d+\\)$`),
  },
  {
    name: 'a syntax error',
    file: 'syntax.js',
    source: 'exports.extend = (stack) => {\n  return stack +;\n};\n',
    message: (m) => new RegExp(`^${escape(m)}: cannot load the extension module: SyntaxError: Unexpected token ';' \\(at ${escape(m)}:2\\)$`),
  },
  { name: 'no extend export', file: 'no-extend.js', source: 'exports.extnd = () => {};\n', message: (m) => new RegExp(`^${escape(m)}: the module must export a function extend\\(stack\\)`) },
  { name: 'a missing module', file: 'nowhere.js', source: '', message: (m) => new RegExp(`^${escape(m)}: cannot load the extension module: no such file$`) },
  {
    name: 'an ES module (.mjs) whose async extend fails',
    file: 'failing.mjs',
    source: "export async function extend(stack) {\n  await null;\n  JSON.parse('{ shards');\n}\n",
    message: (m) => new RegExp(`^${escape(m)}: extend failed: .*JSON.* \\(at ${escape(m)}:3:\\d+\\)$`),
  },
  {
    name: 'a syntax error in a "type": "module" package',
    file: 'pkg/broken.js',
    source: 'export const extend = (stack) => {\n  ]\n};\n',
    message: (m) => new RegExp(`^${escape(m)}: cannot load the extension module: SyntaxError: Unexpected token '\\]' \\(at ${escape(m)}:2\\)$`),
  },
  {
    name: 'a TypeScript module',
    file: 'shards.ts',
    source: 'export function extend(stack: unknown): void {}\n',
    message: (m) => new RegExp(`^${escape(m)}: TypeScript extension modules are not loaded directly: compile it .*npx tsc --module node16 --target es2022 shards\\.ts.* and list shards\\.js under extensions$`),
  },
];

const working: ModuleCase[] = [
  { name: 'a CommonJS module with an async extend', file: 'async.js', source: `exports.extend = async (stack) => {\n  await new Promise((resolve) => setTimeout(resolve, 10));\n  stack.prometheus.addScrapeJob(${SCRAPE_JOB});\n};\n`, message: () => /./ },
  { name: 'an ES module (.mjs)', file: 'esm.mjs', source: `export async function extend(stack) {\n  await null;\n  stack.prometheus.addScrapeJob(${SCRAPE_JOB});\n}\n`, message: () => /./ },
  { name: 'an ES module in a "type": "module" package', file: 'pkg/esm.js', source: `export const extend = (stack) => stack.prometheus.addScrapeJob(${SCRAPE_JOB});\n`, message: () => /./ },
  { name: 'a default export holding extend', file: 'default.mjs', source: `export default { extend: (stack) => stack.prometheus.addScrapeJob(${SCRAPE_JOB}) };\n`, message: () => /./ },
];

/** Writes the module (unless it is the missing one) and an environment listing it; returns both paths. */
function environmentWith(dir: string, c: ModuleCase): { env: string; module: string } {
  const module = path.join(dir, c.file);
  if (c.file.startsWith('pkg/')) {
    fs.mkdirSync(path.join(dir, 'pkg'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'pkg', 'package.json'), '{ "type": "module" }\n');
  }
  if (c.source) fs.writeFileSync(module, c.source);
  const env = path.join(dir, `${path.basename(c.file).replace(/\W/g, '-')}-env.yaml`.toLowerCase());
  fs.writeFileSync(env, `extends: dev\nextensions:\n  - ./${c.file}\n`);
  return { env, module };
}

describe('extension modules that fail', () => {
  let populated: string;
  const dir = tempDir('monstack-extensions-');
  before(() => {
    populated = populatedOutput();
  });

  for (const c of failing) {
    it(`${c.name}: every command names the module and line, exits 1, writes and prints nothing`, () => {
      const { env, module } = environmentWith(dir, c);
      const out = copyOf(populated);
      const before_ = fullSnapshot(out);
      assertRefused(monstack(['synth', '--env', 'dev', '--env', env, '--out', out]), c.message(module));
      assert.deepEqual(fullSnapshot(out), before_);
      const fresh = path.join(tempDir('monstack-fresh-'), 'out');
      assertRefused(monstack(['synth', '--env', env, '--out', fresh]), c.message(module));
      assert.ok(!fs.existsSync(fresh), 'a fresh output directory is not even created');
      // secrets prints credentials: a failure must print none of them.
      for (const target of ['k8s', 'compose']) assertRefused(monstack(['secrets', '--env', env, '--target', target]), c.message(module));
      assertRefused(monstack(['list', '--env', env]), c.message(module));
      // validate builds the stack to learn which secrets the environment provides.
      assertRefused(monstack(['validate', '--env', env, '--dir', path.join(out, 'k8s', 'dev')]), c.message(module));
    });
  }
});

describe('extension modules that work', () => {
  const dir = tempDir('monstack-extensions-ok-');
  for (const c of working) {
    it(`${c.name} is awaited before anything renders, in both targets`, () => {
      const { env } = environmentWith(dir, c);
      const out = tempDir('monstack-extensions-out-');
      const r = monstack(['synth', '--env', env, '--out', out]);
      assert.equal(r.status, 0, r.stderr);
      const name = path.basename(env, '.yaml');
      const files = snapshot(out);
      assert.match(files.get(`k8s/${name}/prometheus.yaml`) ?? '', /job_name: parameter-server/);
      assert.match(files.get(`compose/${name}/config/prometheus-config/prometheus.yml`) ?? '', /job_name: parameter-server/);
    });
  }
});

describe('the command line on errors outside extensions', () => {
  it('reports an unknown option as yargs does, without a stack trace', () => {
    const r = monstack(['synth', '--no-such-option']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Unknown argument/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('a rejection an extension leaves behind still ends in one line and exit 1', () => {
    const dir = tempDir('monstack-stray-');
    fs.writeFileSync(path.join(dir, 'stray.js'), "exports.extend = () => {\n  Promise.reject(new Error('left behind'));\n};\n");
    fs.writeFileSync(path.join(dir, 'stray.yaml'), 'extends: dev\nextensions: [./stray.js]\n');
    const r = monstack(['list', '--env', path.join(dir, 'stray.yaml')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^error: left behind$/m);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});

describe('extension paths that are no module file', () => {
  const dir = tempDir('monstack-extension-paths-');
  fs.mkdirSync(path.join(dir, 'plugins'));
  execFileSync('mkfifo', [path.join(dir, 'pipe.js')]);
  // /dev/zero was read until memory ran out, a FIFO blocked the import for ever: each is refused at once.
  for (const [name, listed, what] of [['a device', '/dev/zero', 'not a regular file'], ['a FIFO', './pipe.js', 'not a regular file'], ['a directory', './plugins', 'a directory']] as const) {
    it(`${name}: refused before anything reads it, exit 1, nothing written`, () => {
      const env = path.join(dir, `${name.replace(/\W/g, '-').toLowerCase()}.yaml`);
      fs.writeFileSync(env, `extends: dev\nextensions:\n  - ${listed}\n`);
      const fresh = path.join(tempDir('monstack-fresh-'), 'out');
      const r = spawnSync(process.execPath, [CLI, 'synth', '--env', env, '--out', fresh], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.signal, null, 'synth did not finish');
      const module = path.resolve(dir, listed);
      assertRefused({ status: r.status, stdout: r.stdout, stderr: r.stderr }, new RegExp(`^${escape(module)}: cannot load the extension module: it is ${what}; list a JavaScript file$`));
      assert.ok(!fs.existsSync(fresh));
    });
  }
});
