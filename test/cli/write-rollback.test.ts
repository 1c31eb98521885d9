/**
 * All or nothing across units: when the swap fails at any rename (the disk, a permission, a race), the
 * renames done so far are undone and the previous output stays byte for byte as it was.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { OutputUnit, writeUnits } from '../../src/output/write';
import { tempDir } from '../helpers/cli';
import { copyOf, fullSnapshot, populatedOutput } from '../helpers/populated';

const units: OutputUnit[] = [
  { dir: 'k8s/dev', files: new Map([['prometheus.yaml', 'kind: New\n'], ['nested/extra.yaml', 'kind: Extra\n']]) },
  { dir: 'compose/dev', files: new Map([['docker-compose.monitoring.yml', 'services: {}\n']]) },
  { dir: 'compose/fresh', files: new Map([['docker-compose.monitoring.yml', 'services: {}\n']]) },
  { dir: 'runbooks/dev', files: new Map([['README.md', '# new\n']]) },
];

/** A rename that fails on its nth call and renames for real before that. */
function failingOn(n: number): { rename: (from: string, to: string) => void; calls: () => number } {
  let calls = 0;
  return {
    rename: (from, to) => {
      calls += 1;
      if (calls === n) throw Object.assign(new Error(`ENOSPC: no space left on device, rename '${from}'`), { code: 'ENOSPC' });
      fs.renameSync(from, to);
    },
    calls: () => calls,
  };
}

describe('a write that fails half-way', () => {
  let populated: string;
  before(() => {
    populated = populatedOutput();
  });

  it('counts the renames of a whole write', () => {
    const out = copyOf(populated);
    const counter = failingOn(Infinity);
    writeUnits(out, units, { rename: counter.rename });
    // Three existing units move aside and four new ones move in.
    assert.equal(counter.calls(), 7);
    assert.equal(fs.readFileSync(path.join(out, 'compose', 'dev', '.env'), 'utf8'), 'GRAFANA_ADMIN_PASSWORD=kept-dev\n');
  });

  for (let n = 1; n <= 7; n++) {
    it(`restores the previous output when rename ${n} of 7 fails`, () => {
      const out = copyOf(populated);
      const before_ = fullSnapshot(out);
      assert.throws(() => writeUnits(out, units, { rename: failingOn(n).rename }), /ENOSPC/);
      assert.deepEqual(fullSnapshot(out), before_);
    });
  }

  it('leaves no trace in a fresh directory when the write fails', () => {
    const out = path.join(tempDir('monstack-rollback-fresh-'), 'a', 'b');
    assert.throws(() => writeUnits(out, units, { rename: failingOn(3).rename }), /ENOSPC/);
    assert.ok(!fs.existsSync(path.dirname(out)));
  });
});
