/** The rule-cost bench's one rewrite: every group at the bench's interval, nothing else changed. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { everyGroupAt } from './rule-cost';

describe('rule-cost bench rewrite', () => {
  it('sets the interval of groups that name one; the others follow the global interval', () => {
    const rules = [{ record: 'a', expr: 'vector(1)' }];
    const file = { groups: [{ name: 'capacity', interval: '5m', rules }, { name: 'slo', rules }] };
    assert.deepEqual(everyGroupAt(file, '5s'), { groups: [{ name: 'capacity', interval: '5s', rules }, { name: 'slo', rules }] });
    assert.equal(file.groups[0].interval, '5m', 'the input is left as it was');
  });
});
