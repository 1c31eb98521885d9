import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { monstack, snapshot, tempDir } from '../helpers/cli';
import { COMMITTED, isCommittedPath } from '../helpers/dist';

describe('synthesized output', () => {
  const first = tempDir('monstack-a-');
  const second = tempDir('monstack-b-');

  it('is the same, byte for byte, on every run', () => {
    for (const out of [first, second]) assert.equal(monstack(['synth', '--out', out]).status, 0);
    assert.deepEqual(snapshot(first), snapshot(second));
  });

  it('matches the committed dist/ (run `npm run synth` and commit when this fails)', () => {
    const fresh = snapshot(first);
    // Only the built-in environments: a user's own one synthesized into dist/ is not committed output.
    const committed = new Map([...snapshot(COMMITTED)].filter(([file]) => isCommittedPath(file)));
    const stale = [...new Set([...fresh.keys(), ...committed.keys()])].filter((f) => fresh.get(f) !== committed.get(f)).sort();
    assert.deepEqual(stale, [], `dist/ is stale in: ${stale.slice(0, 10).join(', ')}`);
  });
});
