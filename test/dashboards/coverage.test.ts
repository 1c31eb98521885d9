/**
 * Every query parses and reads only what the environment collects: the catalogues of the jobs it
 * scrapes, the per-target series of every scrape, and the recorded SLO series. Tried with every job,
 * and with each job missing in turn, so a panel that needs a job must leave with it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePromql } from '../../src/promql/parse';
import { ProvisionedDashboard } from '../../dashboards';
import { withSampleIntervals } from '../../dashboards/model';
import { ALL_JOBS, availableSeries, dashboardsFor, Json, parsed, without } from './helpers';

/** Labels Promtail puts on every stream (contracts). */
const LOKI_LABELS = new Set(['job', 'namespace', 'pod', 'container', 'level', 'logger', 'agent_id']);

function problemsOf(dashboards: readonly ProvisionedDashboard[], available: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const d of dashboards) {
    for (const q of d.queries.filter((x) => x.datasource === 'prometheus')) {
      const result = parsePromql(q.expr);
      for (const p of result.problems) problems.push(`${d.title} / ${q.panel}: ${p.message} in ${q.expr}`);
      for (const m of result.metrics) if (!available.has(m)) problems.push(`${d.title} / ${q.panel}: reads ${m}, which nothing scrapes`);
    }
    for (const v of parsed(d).templating.list.filter((x: Json) => x.type === 'query' && x.datasource.type === 'prometheus')) {
      const m = /^label_values\((.+), *\w+\)$/.exec(v.query.query);
      if (!m) {
        problems.push(`${d.title} / variable ${v.name}: not a label_values(selector, label) query`);
        continue;
      }
      const result = parsePromql(m[1]);
      for (const p of result.problems) problems.push(`${d.title} / variable ${v.name}: ${p.message}`);
      for (const metric of result.metrics) if (!available.has(metric)) problems.push(`${d.title} / variable ${v.name}: reads ${metric}, which nothing scrapes`);
    }
  }
  return problems;
}

describe('what dashboards read', () => {
  it('parses and is collected when every job runs', () => {
    assert.deepEqual(problemsOf(dashboardsFor(ALL_JOBS), availableSeries(ALL_JOBS)), []);
  });

  for (const job of [...ALL_JOBS].sort()) {
    it(`is still collected without ${job}`, () => {
      const jobs = without(ALL_JOBS, job);
      assert.deepEqual(problemsOf(dashboardsFor(jobs), availableSeries(jobs)), []);
    });
  }

  it('catches a metric nothing scrapes', () => {
    const dashboards = dashboardsFor(ALL_JOBS);
    const problems = problemsOf(dashboards, availableSeries(without(ALL_JOBS, 'redis-exporter', 'dynamic-graph-fed-rl')));
    assert.ok(problems.some((p) => /^Redis \/ .*reads redis_/.test(p)), problems.join('\n'));
  });

  it('replaces Grafana interval variables only for checking', () => {
    assert.equal(withSampleIntervals('rate(x[$__rate_interval]) + rate(y[${__interval}])'), 'rate(x[2m]) + rate(y[1m])');
    // `$__range_s` is not `$__range` followed by `_s`; values inside string literals stay as written.
    assert.equal(withSampleIntervals('x / $__range_s * ${__interval_ms}'), 'x / 1 * 1');
    assert.equal(withSampleIntervals('topk($n, x{job=~"$job"}[$w] offset $o) > [[t]]'), 'topk(1, x{job=~"$job"}[5m] offset 5m) > 1');
    assert.equal(withSampleIntervals('sum by ($g) ($m{a="b"})'), 'sum by (grafana_variable) (grafana_variable{a="b"})');
    assert.equal(withSampleIntervals("# the user's pick\nrate(x[$w]) # it's $w\n"), "# the user's pick\nrate(x[5m]) # it's $w\n");
  });

  it('selects Loki streams only by the labels Promtail sets, with one matcher that cannot be empty', () => {
    const dashboards = dashboardsFor(ALL_JOBS).filter((d) => d.queries.some((q) => q.datasource === 'loki'));
    assert.ok(dashboards.length > 0);
    const jobVariable = (d: ProvisionedDashboard) => parsed(d).templating.list.find((v: Json) => v.name === 'job');
    for (const d of dashboards) {
      assert.equal(jobVariable(d).allValue, '.+', `${d.title}: All on job must not match the empty string`);
      for (const q of d.queries.filter((x) => x.datasource === 'loki')) {
        const selectors = [...q.expr.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
        assert.ok(selectors.length > 0, q.expr);
        for (const selector of selectors) {
          const labels = [...selector.matchAll(/(\w+)\s*(?:=~|!~|!=|=)\s*"/g)].map((m) => m[1]);
          for (const label of labels) assert.ok(LOKI_LABELS.has(label), `${d.title} / ${q.panel}: label ${label}`);
          assert.ok(labels.includes('job'), `${d.title} / ${q.panel}: ${selector}`);
        }
      }
    }
  });
});
