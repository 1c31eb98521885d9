/**
 * What an extension module adds is type-checked like the stack's own: a defect fails `monstack synth`
 * with exit 1, naming it, and writes nothing; a short window is a warning on stderr with exit 0; a
 * malformed metric list is refused naming the job.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { monstack, tempDir } from '../helpers/cli';
import { typeCheck } from '../../src/promql/typecheck';
import { knownLabels } from '../../src/promql/types';

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** An environment extending dev with one extension module; returns the synth result and the output dir. */
function synthWith(extension: string) {
  const dir = tempDir('monstack-ext-check-');
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'env.yaml'), 'extends: dev\nextensions: [./ext.js]\n');
  fs.writeFileSync(path.join(dir, 'ext.js'), extension);
  const out = path.join(dir, 'out');
  return { result: monstack(['synth', '--env', path.join(dir, 'env.yaml'), '--out', out]), out };
}

const ruleFile = (expr: string, annotations = {}) =>
  `exports.extend = (stack) => stack.prometheus.addRuleFile('ext.yaml', ${JSON.stringify(JSON.stringify({ groups: [{ name: 'ext', rules: [{ alert: 'ExtAlert', expr, annotations }] }] }))});\n`;

describe('type check of what an extension adds', () => {
  it('fails synth on a label the series lack, naming the alert, the expression and the fix', () => {
    const { result, out } = synthWith(ruleFile('sum by (agent) (agent_reward{job="dynamic-graph-fed-rl"}) < 0'));
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /rule file ext\.yaml, group ext, alert ExtAlert: sum by \(agent\): label "agent" does not exist on agent_reward \(did you mean "agent_id"\?\) in `sum by \(agent\)/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(fs.existsSync(out), false, 'nothing written');
  });

  it('warns on a window of fewer than four scrapes and still writes', () => {
    const { result, out } = synthWith(ruleFile('rate(http_requests_total{job="dynamic-graph-fed-rl"}[1m]) > 100'));
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /warning: environment env: rule file ext\.yaml, group ext, alert ExtAlert: the range \[1m\] over http_requests_total spans fewer than four samples/);
    assert.ok(fs.existsSync(path.join(out, 'k8s', 'env')));
  });

  it('checks a dashboard added as Grafana JSON alone (no query list), panels in rows and datasource variables too', () => {
    const dashboard = (expr: string, logs: string) =>
      `exports.extend = (stack) => stack.grafana.addDashboard({ uid: 'imported', title: 'Imported', json: ${JSON.stringify(
        JSON.stringify({
          templating: { list: [{ type: 'datasource', name: 'ds', query: 'prometheus' }] },
          panels: [
            { type: 'timeseries', title: 'Requests', datasource: { type: 'prometheus', uid: '\${ds}' }, targets: [{ refId: 'A', expr, legendFormat: '{{method}}' }] },
            { type: 'row', title: 'Logs', panels: [{ type: 'logs', title: 'Lines', datasource: { type: 'loki', uid: 'loki' }, targets: [{ refId: 'A', expr: logs }] }] },
            // Another Prometheus (not the stack's): its series are not known here.
            { type: 'stat', title: 'Elsewhere', datasource: { type: 'prometheus', uid: 'thanos' }, targets: [{ refId: 'A', expr: 'anything_at_all' }] },
          ],
        }),
      )} });\n`;
    const bad = synthWith(dashboard('sum by (endpoint) (rate(http_requests_total{job="dynamic-graph-fed-rl"}[$__rate_interval]))', '{jobs="fedrl"}'));
    assert.equal(bad.result.status, 1, bad.result.stderr);
    assert.match(bad.result.stderr, /dashboard "Imported" \(uid imported\), panel "Requests": legend "\{\{method\}\}" prints label "method", which the expression's result does not carry/);
    assert.match(bad.result.stderr, /dashboard "Imported" \(uid imported\), panel "Lines": stream selector \{jobs="fedrl"\}: the log pipeline attaches no label "jobs"/);
    assert.doesNotMatch(bad.result.stderr, /anything_at_all/);
    assert.equal(fs.existsSync(bad.out), false, 'nothing written');
    const good = synthWith(dashboard('sum by (method) (rate(http_requests_total{job="dynamic-graph-fed-rl"}[$__rate_interval]))', '{job="fedrl"}'));
    assert.equal(good.result.status, 0, good.result.stderr);
  });

  it('refuses a dashboard whose json is no JSON object, and reads odd shapes of a valid one without failing', () => {
    const add = (json: string) => `exports.extend = (stack) => stack.grafana.addDashboard({ uid: 'odd', title: 'Odd', json: ${JSON.stringify(json)} });\n`;
    for (const [json, message] of [
      ['{', /ext\.js: extend failed: Grafana\.addDashboard: the json of "Odd" \(uid odd\) is not valid JSON/],
      ['null', /ext\.js: extend failed: Grafana\.addDashboard: the json of "Odd" \(uid odd\) must be a JSON object/],
    ] as const) {
      const { result, out } = synthWith(add(json));
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(fs.existsSync(out), false, 'nothing written');
    }
    const { result } = synthWith(add(JSON.stringify({ templating: { list: { a: 1 } }, panels: { b: 2 }, rows: [null] })));
    assert.equal(result.status, 0, result.stderr);
  });

  it('refuses a rule file whose groups are not a list, naming it', () => {
    const { result } = synthWith("exports.extend = (stack) => stack.prometheus.addRuleFile('odd.yaml', 'groups: {a: 1}');\n");
    assert.equal(result.status, 1);
    assert.match(result.stderr, /ext\.js: extend failed: rule file odd\.yaml: "groups" must be a list/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });

  it('refuses a rule group whose interval Prometheus cannot read, once for the group', () => {
    const { result, out } = synthWith(
      "exports.extend = (stack) => stack.prometheus.addRuleFile('odd.yaml', 'groups:\\n- name: slow\\n  interval: 5x\\n  rules:\\n  - record: a:b\\n    expr: up\\n  - record: a:c\\n    expr: up\\n');\n",
    );
    assert.equal(result.status, 1);
    assert.match(result.stderr, /1 problem\(s\)[\s\S]*rule file odd\.yaml, group slow: interval "5x" is not a duration/);
    assert.equal(fs.existsSync(out), false, 'nothing written');
  });

  it('refuses a declared metric list the checks would misread', () => {
    const { result } = synthWith(
      "exports.extend = (stack) => stack.prometheus.addScrapeJob({ jobName: 'ps', metrics: [{ name: 'ps_bytes', type: 'gauge', labels: 'shard' }], render: () => ({ job_name: 'ps', static_configs: [{ targets: ['ps:9102'] }] }) });\n",
    );
    assert.equal(result.status, 1);
    assert.match(result.stderr, /Prometheus\.addScrapeJob\("ps"\)\.metrics\[0\]\.labels \(ps_bytes\) must be a list of label names/);
  });
});

describe('type checker on unusual expressions', () => {
  const env = { series: () => ({ labels: knownLabels(['a', 'b']), counter: 'yes' as const, buckets: 'no' as const, sampleInterval: 30 }), retentionSeconds: 86400 };
  const odd = [
    '{__name__=~"x.+"}',
    'sum by () (x)',
    'x @ start()',
    '-x',
    'x offset -5m',
    'rate(x[5m:])',
    'rate(x[5m*2])',
    'count_values("c", x)',
    'topk(3, x)',
    'absent(nonexistent)',
    '1 + 2',
    '"text"',
    'vector(1) + on() group_left x',
    'label_join(x, "j", ",", "a", "b")',
    'x[1h] offset 1d',
    'sort_by_label(x, "a")',
    'limitk(2, x)',
    'x and on() y',
    'quantile_over_time(0.9, x[5m])',
    'time() - x',
    'scalar(x) > bool 1',
    'x{job=~"(unclosed"}',
    'sum(x) by (a)',
    'histogram_quantile(0.9, x)',
  ];
  for (const expr of odd) {
    it(`types ${expr} without throwing`, () => assert.doesNotThrow(() => typeCheck(expr, env)));
  }

  it('derives label sets as Prometheus does', () => {
    const labels = (expr: string) => {
      const t = typeCheck(expr, env).type;
      return t.kind === 'vector' ? [...t.labels.names].sort() : t.kind;
    };
    assert.deepEqual(labels('sum by (a) (x)'), ['a']);
    assert.deepEqual(labels('sum without (a) (x)'), ['b']);
    assert.deepEqual(labels('rate(x[5m])'), ['a', 'b']);
    assert.deepEqual(labels('x / on (a) y'), ['a']);
    assert.deepEqual(labels('sum by (a) (x) * on (a) group_left (b) y'), ['a', 'b']);
    assert.deepEqual(labels('label_replace(sum by (a) (x), "c", "$1", "a", "(.*)")'), ['a', 'c']);
    assert.deepEqual(labels('count_values("v", x)'), ['v']);
    assert.deepEqual(labels('count_values by (a) ("v", x)'), ['a', 'v']);
    assert.deepEqual(labels('limitk(2, x)'), ['__name__', 'a', 'b']);
    assert.equal(labels('scalar(x)'), 'scalar');
  });
});
