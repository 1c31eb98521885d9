/** The validators over every environment directory of the committed dist/. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { formatReports, runValidate } from '../../src/commands/validate';
import { monstack } from '../helpers/cli';
import { COMMITTED, outputDirs } from '../helpers/dist';

describe('committed dist/ passes the validators', () => {
  it('has output to check', () => {
    assert.ok(outputDirs('k8s').length > 0 && outputDirs('compose').length > 0, `no environments under ${COMMITTED}`);
  });

  for (const dir of [...outputDirs('k8s'), ...outputDirs('compose')]) {
    const name = path.relative(COMMITTED, dir);
    it(`${name}: strict schema, references, security, probes, credentials, PromQL`, () => {
      const reports = runValidate({ envs: [], dir });
      assert.deepEqual(reports.flatMap((r) => r.problems), [], formatReports(reports));
    });
  }

  it('`monstack validate --dir dist` exits 0 and lists every directory', () => {
    const r = monstack(['validate', '--dir', COMMITTED]);
    const dirs = [...outputDirs('k8s'), ...outputDirs('compose')];
    for (const dir of dirs) assert.match(r.stdout, new RegExp(`^ok .*${path.relative(COMMITTED, dir)}$`, 'm'));
    // A user's own environment synthesized into dist/ needs its file (--env) to be validated; it is not ours.
    if (dirs.length === fs.readdirSync(path.join(COMMITTED, 'k8s')).length + fs.readdirSync(path.join(COMMITTED, 'compose')).length) {
      assert.equal(r.status, 0, r.stderr);
    }
  });
});
