/** The validators over every environment directory of the committed dist/. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { formatReports, runValidate } from '../../src/commands/validate';
import { COMMITTED, outputDirs } from '../helpers/dist';

describe('committed dist/ passes the validators', () => {
  it('has output to check', () => {
    assert.ok(outputDirs('k8s').length > 0 && outputDirs('compose').length > 0, `no environments under ${COMMITTED}`);
  });

  for (const dir of [...outputDirs('k8s'), ...outputDirs('compose')]) {
    const name = path.relative(COMMITTED, dir);
    it(`${name}: strict schema, references, security, probes, credentials, PromQL`, async () => {
      const reports = await runValidate({ envs: [], dir });
      assert.deepEqual(reports.flatMap((r) => r.problems), [], formatReports(reports));
    });
  }
});
