/** Options that take one value are refused when repeated: yargs would hand the command an array. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { monstack, tempDir } from '../helpers/cli';

describe('repeated options', () => {
  const cases: string[][] = [
    ['synth', '--target', 'k8s', '--target', 'compose'],
    ['synth', '--out', 'a', '--out', 'b'],
    ['validate', '--dir', 'a', '--dir', 'b'],
    ['list', '--env', 'dev', '--env', 'prod'],
    ['secrets', '--target', 'k8s', '--target', 'compose'],
    ['secrets', '--env', 'dev', '--env', 'prod'],
  ];
  for (const args of cases) {
    it(`${args.join(' ')} is refused, and nothing is written or printed on stdout`, () => {
      const cwd = tempDir('monstack-options-');
      const r = monstack([...args, ...(args[0] === 'synth' && !args.includes('--out') ? ['--out', path.join(cwd, 'out')] : [])], cwd);
      assert.equal(r.status, 1);
      const option = args[args.length - 2];
      assert.match(r.stderr, new RegExp(`${option} takes one value; it was given 2 times`));
      assert.equal(r.stdout, '');
      assert.deepEqual(fs.readdirSync(cwd), []);
    });
  }
});

describe('default output directory', () => {
  it('synth and validate without --out/--dir use dist/ where they run, never the installed package', () => {
    const cwd = tempDir('monstack-default-out-');
    const synth = monstack(['synth', '--env', 'dev', '--target', 'compose'], cwd);
    assert.equal(synth.status, 0, synth.stderr);
    assert.match(synth.stdout, /^wrote dist\/compose\/dev\//m);
    assert.ok(fs.existsSync(path.join(cwd, 'dist', 'compose', 'dev', 'docker-compose.monitoring.yml')));
    const validate = monstack(['validate'], cwd);
    assert.equal(validate.status, 0, validate.stderr);
    assert.match(validate.stdout, /compose\/dev/);
  });
});

describe('usage mistakes', () => {
  const cases: [args: string[], message: RegExp][] = [
    [[], /^error: name a command: synth, validate, list or secrets \(see monstack --help/],
    [['frob'], /^error: Unknown argument: frob \(see monstack --help/],
    [['synth', '--target', 'bogus'], /^error: Invalid values: Argument: target, Given: "bogus", Choices: "k8s", "compose", "operator", "all" \(see/],
    [['secrets', '--verbose'], /^error: Unknown argument: verbose/],
    [['validate', '--dir', ''], /^error: --dir is empty: name the output directory synth wrote/],
  ];
  for (const [args, message] of cases) {
    it(`monstack ${args.join(' ') || '(no command)'}: one line naming the mistake, exit 1, nothing on stdout`, () => {
      const cwd = tempDir('monstack-usage-');
      const r = monstack(args, cwd);
      assert.equal(r.status, 1);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.equal(r.stdout, '');
      assert.deepEqual(fs.readdirSync(cwd), []);
    });
  }

  it('--help still prints the usage, exit 0', () => {
    const r = monstack(['synth', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /--target/);
  });
});
