/**
 * The duration parser against the tools that read the same values: promtool (a rule's `for:`) and
 * amtool (a route's `group_wait:`) must accept exactly the strings the parser accepts. Bounds (how long
 * a setting may be) are the loader's own and checked apart.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { checkDuration, formatDuration, parseDuration } from '../../src/config/values/duration';
import { DURATION_BOUNDS } from '../../src/config/formats';
import { tempDir } from '../helpers/cli';
import { runTool } from '../helpers/tools';

const TABLE: readonly string[] = [
  // accepted
  '0', '0s', '1ms', '30s', '5m', '1h30m', '1h30m10s', '2d', '1w', '1y', '1y2w3d4h5m6s7ms', '720h', '90000ms', '00m', '292y', '106751d',
  '9223372036854ms',
  // refused
  '', '9223372036854775ms', '5m1h', '1m1m', '1s1m', '1000y', '293y', '106752d', '9223372036855s', '99999999999999999999s', '1.5h', '-1m', '+1m', '1', '10',
  'm', '1 h', ' 1h', '1h ', '1H', '1hour', '1mo', '1us', '1ns', '1µs', '1d1w', '1ms1s', 'ms', '1h0', '0x10s', '１h',
];

function promtoolAccepts(dir: string, value: string, i: number): boolean {
  const file = path.join(dir, `rules-${i}.yaml`);
  fs.writeFileSync(file, `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: vector(1)\n        for: ${JSON.stringify(value)}\n`);
  return runTool('promtool', ['check', 'rules', file]).status === 0;
}

function amtoolAccepts(dir: string, value: string, i: number): boolean {
  const file = path.join(dir, `alertmanager-${i}.yaml`);
  fs.writeFileSync(file, `route:\n  receiver: default\n  group_wait: ${JSON.stringify(value)}\nreceivers:\n  - name: default\n`);
  return runTool('amtool', ['check-config', file]).status === 0;
}

describe('Prometheus durations', () => {
  const dir = tempDir('monstack-durations-');
  for (const [i, value] of TABLE.entries()) {
    it(`${JSON.stringify(value)}: the parser agrees with promtool and amtool`, () => {
      const ours = !('problem' in parseDuration(value));
      assert.equal(promtoolAccepts(dir, value, i), ours, `promtool ${ours ? 'refuses' : 'accepts'} ${JSON.stringify(value)}`);
      assert.equal(amtoolAccepts(dir, value, i), ours, `amtool ${ours ? 'refuses' : 'accepts'} ${JSON.stringify(value)}`);
    });
  }

  it('reads the value in milliseconds and writes it back largest units first', () => {
    assert.deepEqual(parseDuration('1h30m'), { ms: 5_400_000 });
    assert.equal(formatDuration(5_400_000), '1h30m');
    assert.equal(formatDuration(0), '0s');
  });

  it('holds each setting within its bounds', () => {
    assert.equal(checkDuration('0s', DURATION_BOUNDS.for), undefined);
    assert.match(checkDuration('8d', DURATION_BOUNDS.for)!, /too long: at most 1w/);
    assert.match(checkDuration('12h', DURATION_BOUNDS.retention)!, /too short: at least 1d/);
    assert.match(checkDuration('36h', DURATION_BOUNDS.retentionWholeDays)!, /whole number of 1d \(e\.g\. 2d\)/);
    assert.match(checkDuration('0s', DURATION_BOUNDS.groupInterval)!, /too short/);
    assert.match(checkDuration('5m1h', DURATION_BOUNDS.for)!, /units from the largest to the smallest/);
  });

  it('removes its files', () => fs.rmSync(dir, { recursive: true, force: true }));
});
