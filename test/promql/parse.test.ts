/** The PromQL reader the synth-time check relies on: metric names found, syntax errors located. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePromql } from '../../src/promql/parse';

describe('parsePromql', () => {
  it('lists the metrics an expression reads, by bare name and by __name__ matcher, once each', () => {
    const r = parsePromql('sum(rate(http_requests_total{job="a"}[5m])) / sum(rate(http_requests_total[5m])) + on () {__name__="up", job="b"}');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.metrics, ['http_requests_total', 'up']);
  });

  it('does not take functions, labels or label values for metrics', () => {
    assert.deepEqual(parsePromql('histogram_quantile(0.95, sum by (le) (rate(x_bucket{le="0.2"}[5m])))').metrics, ['x_bucket']);
  });

  it('locates a syntax error by column', () => {
    const r = parsePromql('sum(up');
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].column, 7);
    assert.match(r.problems[0].message, /syntax error at column 7/);
  });

  it('reports an empty expression once', () => {
    assert.deepEqual(parsePromql('  ').problems, [{ column: 1, message: 'empty expression' }]);
  });
});
