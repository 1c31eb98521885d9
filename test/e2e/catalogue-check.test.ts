/** The e2e's comparison of a catalogue with a real exposition, and its reading of Slack titles. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { absentWhen, counter, gauge, histogram, withOlderReleases } from '../../constructs/metrics';
import { exposedFamilies } from './exposition';
import { buildVersion, compareCatalogue } from './harness/catalogue-check';
import { parseSlackTitle } from './harness/webhook';

/** An exposition of `name{labels} 1` lines under their TYPE lines. */
function exposition(families: Record<string, [type: string, labels: string[]]>): ReturnType<typeof exposedFamilies> {
  const lines = Object.entries(families).flatMap(([name, [type, labels]]) => {
    const sample = type === 'histogram' ? `${name}_bucket` : name;
    const le = type === 'histogram' ? ['le="+Inf"'] : [];
    return [`# TYPE ${name} ${type}`, `${sample}{${[...labels.map((l) => `${l}="v"`), ...le].join(',')}} 1`];
  });
  return exposedFamilies(`${lines.join('\n')}\n`);
}

describe('e2e catalogue comparison', () => {
  const catalogue = [counter('a_total', []), histogram('h', ['code']), gauge('unread', []), gauge('typed', []), absentWhen(gauge('replica_only', []), 'on a primary')];
  const read = new Set(['a_total', 'h_bucket', 'typed', 'replica_only']);

  it('fails a read family that is absent, excuses one recorded as absent, reports unread ones', () => {
    const c = compareCatalogue(catalogue, exposition({ h: ['histogram', ['code']], typed: ['gauge', []] }), read);
    assert.deepEqual(c.missingRead, ['a_total']);
    assert.deepEqual(c.excused, ['replica_only (absent on a primary)']);
    assert.deepEqual(c.missingUnread, ['unread']);
    assert.deepEqual(c.wrongLabelsRead, []);
    assert.equal(c.readCount, 4);
  });

  it('fails a family whose exposed type differs; untyped is accepted', () => {
    const c = compareCatalogue(catalogue, exposition({ a_total: ['gauge', []], h: ['untyped', ['code']], typed: ['gauge', []], replica_only: ['gauge', []] }), read);
    assert.deepEqual(c.wrongType, ['a_total: catalogue counter, exposed gauge']);
  });

  it('fails a read family lacking a declared label or carrying an undeclared one; `le` is the type\'s', () => {
    const c = compareCatalogue(catalogue, exposition({ a_total: ['counter', ['server']], h: ['histogram', []], typed: ['gauge', []], unread: ['gauge', ['extra']] }), read);
    assert.deepEqual(c.wrongLabelsRead, ['a_total: has undeclared server', 'h: lacks code']);
    assert.deepEqual(c.wrongLabelsUnread, ['unread: has undeclared extra']);
  });

  describe('differences recorded for older releases', () => {
    const source = 'CHANGELOG 1.8.0';
    const fs = withOlderReleases(gauge('fs_free', ['device', 'device_error']), { before: '1.8.0', lacksLabels: ['device_error'], source });
    const pg = withOlderReleases(gauge('pg_x', ['datname']), { before: '0.13.0', extraLabels: ['server'], source });
    const renamed = withOlderReleases(counter('new_total', []), { before: '2.0.0', name: 'old_total', source });
    const added = withOlderReleases(gauge('added', []), { before: '1.3.0', absent: true, source });
    const read = new Set(['fs_free', 'pg_x', 'new_total', 'added']);
    const old = exposition({ fs_free: ['gauge', ['device']], pg_x: ['gauge', ['datname', 'server']], old_total: ['counter', []] });

    it('are applied for a release before theirs, and reported', () => {
      const c = compareCatalogue([fs, pg, renamed, added], old, read, '0.11.1+ds');
      assert.deepEqual([c.missingRead, c.wrongLabelsRead, c.wrongType], [[], [], []]);
      assert.deepEqual(c.excused, ['added (absent before 1.3.0)']);
      assert.deepEqual(c.applied, ['fs_free: without device_error before 1.8.0', 'pg_x: with server before 0.13.0', 'new_total: named old_total before 2.0.0', 'added: absent before 1.3.0']);
      // Each only before its own release: at 1.5.0 the pg difference no longer applies and its extra label fails.
      const c2 = compareCatalogue([fs, pg, renamed, added], old, read, '1.5.0');
      assert.deepEqual(c2.wrongLabelsRead, ['pg_x: has undeclared server']);
      assert.deepEqual(c2.missingRead, ['added']);
    });

    it('are not applied from their release on, nor without a release', () => {
      for (const release of ['1.8.0', 'v1.12.1', undefined]) {
        const c = compareCatalogue([fs], old, read, release);
        assert.deepEqual(c.wrongLabelsRead, ['fs_free: lacks device_error'], String(release));
        assert.deepEqual(c.applied, []);
      }
      assert.deepEqual(compareCatalogue([renamed], old, read, '2.0.0').missingRead, ['new_total']);
      assert.deepEqual(compareCatalogue([added], old, read, '1.3.0').missingRead, ['added']);
    });
  });

  it('reads the version of the exporter\'s build_info series, not the Go module\'s', () => {
    assert.equal(buildVersion('# TYPE x_build_info gauge\nx_build_info{branch="b",version="1.5.0"} 1\n'), '1.5.0');
    assert.equal(buildVersion('go_build_info{path="x",version="(devel)"} 1\nnode_exporter_build_info{version="1.5.0"} 1\n'), '1.5.0');
    assert.equal(buildVersion('up 1\n'), undefined);
  });

  it('reads status and alert name from the Slack titles Alertmanager renders', () => {
    assert.deepEqual(parseSlackTitle('[FIRING:2] RedisDown (e2e)'), { status: 'firing', alertname: 'RedisDown' });
    assert.deepEqual(parseSlackTitle('[RESOLVED] RedisDown (e2e)'), { status: 'resolved', alertname: 'RedisDown' });
    assert.equal(parseSlackTitle('something else'), undefined);
  });
});
