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
