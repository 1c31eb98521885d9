/** The e2e's comparison of a catalogue with a real exposition, and its reading of Slack titles. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { absentWhen, counter, gauge, histogram } from '../../constructs/metrics';
import { buildVersion, compareCatalogue } from './harness/catalogue-check';
import { parseSlackTitle } from './harness/webhook';

describe('e2e catalogue comparison', () => {
  const catalogue = [counter('a_total', []), histogram('h', []), gauge('unread', []), gauge('typed', []), absentWhen(gauge('replica_only', []), 'on a primary')];
  const read = new Set(['a_total', 'h_bucket', 'typed', 'replica_only']);

  it('fails a read family that is absent, excuses one recorded as absent, reports unread ones', () => {
    const c = compareCatalogue(catalogue, new Map([['h', 'histogram'], ['typed', 'gauge']]), read);
    assert.deepEqual(c.missingRead, ['a_total']);
    assert.deepEqual(c.excused, ['replica_only (absent on a primary)']);
    assert.deepEqual(c.missingUnread, ['unread']);
    assert.equal(c.readCount, 4);
  });

  it('fails a family whose exposed type differs; untyped is accepted', () => {
    const c = compareCatalogue(catalogue, new Map([['a_total', 'gauge'], ['h', 'untyped'], ['typed', 'gauge'], ['replica_only', 'gauge']]), read);
    assert.deepEqual(c.wrongType, ['a_total: catalogue counter, exposed gauge']);
  });

  it('reads the version of a build_info series', () => {
    assert.equal(buildVersion('# TYPE x_build_info gauge\nx_build_info{branch="b",version="1.5.0"} 1\n'), '1.5.0');
    assert.equal(buildVersion('up 1\n'), undefined);
  });

  it('reads status and alert name from the Slack titles Alertmanager renders', () => {
    assert.deepEqual(parseSlackTitle('[FIRING:2] RedisDown (e2e)'), { status: 'firing', alertname: 'RedisDown' });
    assert.deepEqual(parseSlackTitle('[RESOLVED] RedisDown (e2e)'), { status: 'resolved', alertname: 'RedisDown' });
    assert.equal(parseSlackTitle('something else'), undefined);
  });
});
