/**
 * Each kind of defect the synth-time type checker knows, seeded into prod through the construct API
 * (an added rule file or dashboard, as an extension would), fails the check naming the problem; the
 * valid form of each passes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogueLookup } from '../../constructs/catalogues';
import { logql, lokiLabelVariable, promql, promVariable, renderDashboard, timeseries, Variable } from '../../dashboards/model';
import { checkStack } from '../../src/checks/stack-check';
import { KubernetesPlatform } from '../../src/render/kubernetes/platform';
import { stackOf } from '../helpers/stack';

const APP = 'job="dynamic-graph-fed-rl"';

type Change = (stack: ReturnType<typeof stackOf>) => void;

function check(change: Change, env = 'prod'): string[] {
  const stack = stackOf(env);
  change(stack);
  return checkStack(stack, new KubernetesPlatform(stack.environment.namespace), catalogueLookup(stack.environment.application.job));
}

/** An alert rule file with one alert, as an extension would add it. */
const alertRule =
  (expr: string, annotations: Record<string, string> = {}): Change =>
  (stack) =>
    stack.prometheus!.addRuleFile(
      'seeded.yaml',
      JSON.stringify({ groups: [{ name: 'seeded', rules: [{ alert: 'Seeded', expr, annotations }] }] }),
    );

/** A dashboard with one panel and one query. */
const panel =
  (target: ReturnType<typeof promql> | ReturnType<typeof logql>): Change =>
  (stack) =>
    stack.grafana!.addDashboard(
      renderDashboard(
        { title: 'Seeded', description: '', tags: [], requires: [], rows: [{ panels: [timeseries({ title: 'Seeded Panel', targets: [target] })] }] },
        { jobs: new Set(), applicationJob: 'dynamic-graph-fed-rl' },
      ),
    );

/** A dashboard with one query variable (and a panel, which every dashboard needs). */
const variable =
  (v: Variable): Change =>
  (stack) =>
    stack.grafana!.addDashboard(
      renderDashboard(
        { title: 'Seeded', description: '', tags: [], requires: [], variables: [v], rows: [{ panels: [timeseries({ title: 'Up', targets: [promql('up')] })] }] },
        { jobs: new Set(), applicationJob: 'dynamic-graph-fed-rl' },
      ),
    );

const fails = (change: Change, message: RegExp) => assert.throws(() => check(change), message);
const passes = (change: Change) => assert.doesNotThrow(() => check(change));

describe('synth-time type check of PromQL', () => {
  it('refuses a matcher on a label the series lack, and suggests the one meant', () => {
    fails(alertRule(`rate(http_requests_total{${APP},status_code="500"}[5m]) > 1`), /alert Seeded: label "status_code" in the matcher status_code="500" does not exist on http_requests_total \(did you mean "status"\?\)/);
    passes(alertRule(`rate(http_requests_total{${APP},status="500"}[5m]) > 1`));
    // A matcher a missing label satisfies narrows nothing: harmless (TargetDown's optional!="true" where no job is optional).
    passes(alertRule(`rate(http_requests_total{${APP},optional!="true"}[5m]) > 1`));
  });

  it('refuses by/without on a missing label', () => {
    fails(panel(promql(`sum by (agent) (agent_reward{${APP}})`)), /panel "Seeded Panel": sum by \(agent\): label "agent" does not exist on agent_reward \(did you mean "agent_id"\?\)/);
    fails(panel(promql(`sum without (agent) (agent_reward{${APP}})`)), /label "agent" does not exist/);
    passes(panel(promql(`sum by (agent_id) (agent_reward{${APP}})`)));
  });

  it('names what an inner aggregation left when an outer one groups by a label it dropped', () => {
    fails(
      alertRule(`sum by (endpoint) (sum by (method) (rate(http_requests_total{${APP}}[5m]))) > 1`),
      /sum by \(endpoint\): label "endpoint" does not exist on series labelled \{method\} \(an aggregation of http_requests_total\)/,
    );
    fails(alertRule(`sum by (method) (sum without (method) (rate(http_requests_total{${APP}}[5m]))) > 1`), /label "method" does not exist on series labelled \{[^}]*endpoint[^}]*\} \(an aggregation of http_requests_total\)/);
    passes(alertRule(`sum by (method) (sum by (method, endpoint) (rate(http_requests_total{${APP}}[5m]))) > 1`));
  });

  it('follows the series argument of functions that take a parameter first', () => {
    fails(alertRule(`sum by (agent) (quantile_over_time(0.9, agent_reward{${APP}}[10m])) < 0`), /sum by \(agent\): label "agent" does not exist on agent_reward \(did you mean "agent_id"\?\)/);
    passes(alertRule(`sum by (agent_id) (quantile_over_time(0.9, agent_reward{${APP}}[10m])) < 0`));
  });

  it('refuses on/ignoring and group_left labels a side lacks', () => {
    fails(alertRule(`rate(http_requests_total{${APP}}[5m]) / on (endpoint) up > 1`), /on \(endpoint\): label "endpoint" does not exist on the right-hand side \(up\)/);
    fails(alertRule(`rate(http_requests_total{${APP}}[5m]) / ignoring (agent) up > 1`), /ignoring \(agent\): label "agent" exists on neither side/);
    fails(
      panel(promql('node_filesystem_avail_bytes * on (instance) group_left (nodname) node_uname_info')),
      /group_left \(nodname\): label "nodname" does not exist on the "one" side \(node_uname_info\) \(did you mean "nodename"\?\)/,
    );
    passes(panel(promql('node_filesystem_avail_bytes * on (instance) group_left (nodename) node_uname_info')));
    passes(alertRule(`rate(http_requests_total{${APP}}[5m]) / on (job, instance) group_left up > 1`));
  });

  it('knows ALERTS and ALERTS_FOR_STATE, the series Prometheus writes for its alerting rules', () => {
    passes(panel(promql('count by (alertname, severity) (ALERTS{alertstate="firing"})', '{{alertname}} ({{severity}})')));
    passes(panel(promql('time() - ALERTS_FOR_STATE{alertname="TargetDown"}')));
    // An alert on how many alerts fire reads its own output: left unknown, not looped on.
    passes(alertRule('count(ALERTS{alertstate="firing"}) > 20'));
    fails(panel(promql('count by (alert) (ALERTS{alertstate="firing"})')), /count by \(alert\): label "alert" does not exist on ALERTS \(did you mean "alertname"\?\)/);
    fails(panel(promql('ALERTS_FOR_STATE{alertstate="firing"}')), /label "alertstate" in the matcher alertstate="firing" does not exist on ALERTS_FOR_STATE/);
  });

  it('follows labels through label_replace and recording rules', () => {
    fails(panel(promql(`label_replace(agent_reward{${APP}}, "agent", "$1", "agentid", "(.*)")`)), /label_replace\(\): source label "agentid" does not exist on agent_reward \(did you mean "agent_id"\?\)/);
    passes(panel(promql(`sum by (agent) (label_replace(agent_reward{${APP}}, "agent", "$1", "agent_id", "(.*)"))`)));
    // job:http_requests:rate5m is `sum by (job) (...)`: no endpoint survives it.
    fails(panel(promql('job:http_requests:rate5m{endpoint="/train"}')), /label "endpoint" in the matcher endpoint="\/train" does not exist on job:http_requests:rate5m/);
    passes(panel(promql(`job:http_requests:rate5m{${APP}}`)));
  });

  it('refuses alert templates and legends that print a label the result lacks', () => {
    fails(alertRule(`agent_reward{${APP}} < 0`, { summary: 'Agent {{ $labels.agent }} is losing' }), /alert Seeded: annotation summary prints label "agent", which the expression's result does not carry .*did you mean "agent_id"\?/);
    // The message names the expression too, and says what to do where nothing is close.
    fails(alertRule(`sum by (job) (agent_reward{${APP}}) < 0`, { summary: '{{ $labels.endpoint }}' }), /prints label "endpoint", which the expression's result does not carry \(it has job\): print one it has, or keep this one in the expression's grouping in `sum by \(job\) \(agent_reward/);
    fails(panel(promql(`sum by (endpoint) (rate(http_requests_total{${APP}}[5m]))`, '{{ method }}')), /legend "\{\{ method \}\}" prints label "method"/);
    passes(alertRule(`agent_reward{${APP}} < 0`, { summary: 'Agent {{ $labels.agent_id }} on {{ $labels.instance }} is losing' }));
    // absent() returns the selector's equality-matched labels only.
    fails(alertRule(`absent(up{${APP}, instance=~".+"})`, { summary: '{{ $labels.job }} on {{ $labels.instance }} is gone' }), /prints label "instance", which the expression's result does not carry \(it has job\)/);
    passes(alertRule(`absent_over_time(up{${APP}}[10m])`, { summary: '{{ $labels.job }} is gone' }));
    // `.Labels` is the alert's where the dot is the alert; inside range/with over a query it is the sample's.
    fails(alertRule(`agent_reward{${APP}} < 0`, { summary: 'Agent {{ .Labels.agent }} is losing' }), /annotation summary prints label "agent", which the expression's result does not carry/);
    fails(alertRule(`agent_reward{${APP}} < 0`, { summary: '{{ index .Labels "agentid" }}' }), /prints label "agentid"/);
    passes(alertRule(`agent_reward{${APP}} < 0`, { summary: '{{ .Labels.agent_id }}: {{ range query "prometheus_build_info" }}{{ .Labels.version }}{{ end }}' }));
    // PromQL a template runs is checked too: names and labels.
    fails(
      alertRule(`agent_reward{${APP}} < 0`, { description: '{{ with printf "federation_total_agent{job=%q}" $labels.job | query }}{{ . | first | value }}{{ end }}' }),
      /alert Seeded: annotation description, query template: reads "federation_total_agent", which no scrape job .*\(did you mean "federation_total_agents"\?\)/,
    );
    fails(
      alertRule(`agent_reward{${APP}} < 0`, { description: '{{ with query "sum by (agent) (agent_reward)" }}{{ . | first | value }}{{ end }}' }),
      /annotation description, query template: sum by \(agent\): label "agent" does not exist on agent_reward/,
    );
    // A raw (backquoted) Go string, as a query with quotes is usually written.
    fails(
      alertRule(`agent_reward{${APP}} < 0`, { description: '{{ with query `sum by (agent) (agent_reward{job="x"})` }}{{ . | first | value }}{{ end }}' }),
      /annotation description, query template: sum by \(agent\): label "agent" does not exist on agent_reward/,
    );
    passes(alertRule(`agent_reward{${APP}} < 0`, { description: '{{ with printf "federation_total_agents{job=%q,instance=%q}" $labels.job $labels.instance | query }}{{ . | first | value }}{{ end }}' }));
    passes(panel(promql(`sum by (endpoint) (rate(http_requests_total{${APP}}[5m]))`, '{{endpoint}}')));
  });

  it('refuses a dashboard variable listing the values of a label its series lack', () => {
    fails(variable(promVariable('agent', 'Agent', `label_values(agent_reward{${APP}}, agent)`)), /dashboard "Seeded" \(uid seeded\), variable "agent": label_values\(agent_reward\{job="dynamic-graph-fed-rl"\}, agent\) lists the values of "agent", which agent_reward\{job="dynamic-graph-fed-rl"\} does not carry \(did you mean "agent_id"\?\)/);
    fails(variable(promVariable('x', 'X', 'label_values(agent_rewards, agent_id)')), /variable "x": reads "agent_rewards", which no scrape job/);
    passes(variable(promVariable('agent', 'Agent', `label_values(agent_reward{${APP}}, agent_id)`)));
    // Another variable in the selector stands for what the user picks.
    passes(variable(promVariable('instance', 'Instance', 'label_values($metric, instance)')));
    passes(variable(promVariable('method', 'Method', `label_values(rate(http_requests_total{${APP}}[$__rate_interval]), method)`)));
    fails(variable(lokiLabelVariable('svc', 'Service', 'services')), /variable "svc": label_values\(services\) lists the values of stream label "services", which the log pipeline does not attach/);
    fails(variable(lokiLabelVariable('req', 'Request', 'request_id')), /"request_id" is structured metadata/);
    passes(variable(lokiLabelVariable('level', 'Level', 'level')));
  });

  it('refuses rate() over a gauge and a bare counter compared with a number', () => {
    fails(alertRule(`rate(training_loss{${APP}}[5m]) > 0`), /rate\(\) over training_loss, which is not a counter/);
    fails(alertRule(`increase(federation_active_agents{${APP}}[1h]) < 0`), /increase\(\) over federation_active_agents, which is not a counter/);
    passes(alertRule(`deriv(training_loss{${APP}}[5m]) > 0`));
    passes(alertRule(`rate(http_request_duration_seconds_count{${APP}}[5m]) > 0`));
    fails(alertRule(`http_requests_total{${APP}} > 1000`), /compares the counter http_requests_total with a number/);
    fails(alertRule(`sum(http_requests_total{${APP}}) > 1000`), /compares the counter/);
    passes(alertRule(`sum(rate(http_requests_total{${APP}}[5m])) > 1000`));
    // Arithmetic: a sum of counters is a counter; a counter scaled or differenced cannot be told; a rate scaled is not one.
    const recorded = (expr: string): Change => (stack) =>
      stack.prometheus!.addRuleFile('seeded.yaml', JSON.stringify({ groups: [{ name: 'seeded', rules: [{ record: 'seeded:recorded', expr }, { alert: 'Seeded', expr: 'rate(seeded:recorded[5m]) > 1' }] }] }));
    passes(recorded(`sum(http_requests_total{${APP}}) + sum(gossip_messages_sent_total{${APP}})`));
    passes(recorded(`http_requests_total{${APP}} * 8`));
    fails(recorded(`sum(rate(http_requests_total{${APP}}[5m])) * 60`), /rate\(\) over seeded:recorded, which is not a counter/);
    passes(alertRule(`http_requests_total{${APP}} - http_requests_total{${APP}} offset 1h > 100`));
  });

  it('refuses histogram_quantile over buckets summed without le, or over a non-histogram', () => {
    fails(panel(promql(`histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket{${APP}}[5m])))`)), /histogram_quantile\(\) over http_request_duration_seconds_bucket without the "le" label/);
    fails(panel(promql(`histogram_quantile(0.95, rate(http_request_duration_seconds_count{${APP}}[5m]))`)), /histogram_quantile\(\) over http_request_duration_seconds_count, which is not a histogram's _bucket series/);
    passes(panel(promql(`histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${APP}}[5m])))`)));
  });

  it('refuses a window of fewer than two scrapes, warns under four, and leaves $__rate_interval alone', () => {
    // prod scrapes every 30s.
    fails(alertRule(`rate(http_requests_total{${APP}}[45s]) > 1`), /the range \[45s\] over http_requests_total holds fewer than two samples \(one every 30s\): use at least \[1m\], better \[2m\]/);
    const warnings = check(alertRule(`rate(http_requests_total{${APP}}[90s]) > 1`));
    assert.ok(warnings.some((w) => /the range \[90s\] over http_requests_total spans fewer than four samples/.test(w)), warnings.join('\n'));
    assert.deepEqual(check(alertRule(`rate(http_requests_total{${APP}}[2m]) > 1`)), []);
    assert.deepEqual(check(panel(promql(`rate(http_requests_total{${APP}}[$__rate_interval])`))), []);
    fails(alertRule(`max_over_time(rate(http_requests_total{${APP}}[5m])[5m:5m]) > 1`), /the subquery \[5m:5m\] holds fewer than two steps: use a range of at least 10m or a shorter step/);
    passes(alertRule(`max_over_time(rate(http_requests_total{${APP}}[5m])[10m:1m]) > 1`));
    passes(panel(promql(`max_over_time(rate(http_requests_total{${APP}}[5m])[$__range:$__interval])`)));
  });

  it('refuses ranges and offsets beyond the retention', () => {
    // prod keeps 30 days.
    fails(alertRule(`rate(http_requests_total{${APP}}[60d]) > 1`), /the range \[60d\] reaches 60d back, but this Prometheus keeps 30d of samples/);
    fails(panel(promql(`rate(http_requests_total{${APP}}[1d] offset 30d)`)), /offset 30d with its 1d range reaches 31d back/);
    fails(panel(promql(`max_over_time(up[40d:1h])`)), /the subquery range 40d reaches 40d back/);
    passes(panel(promql(`rate(http_requests_total{${APP}}[1d] offset 7d)`)));
    // Subqueries and offsets around a range add to how far back it reaches, each reported once.
    fails(alertRule(`max_over_time(rate(http_requests_total{${APP}}[20d])[15d:1h]) > 0`), /the range \[20d\] inside the subquery \[15d:1h\] reaches 35d back/);
    fails(alertRule(`max_over_time(max_over_time(agent_reward{${APP}}[20d:1h])[20d:1d]) < 0`), /the subquery range 20d inside the subquery \[20d:1d\] reaches 40d back/);
    fails(alertRule(`max_over_time(rate(http_requests_total{${APP}}[10d])[15d:1h] offset 10d) > 0`), /the range \[10d\] inside the subquery \[15d:1h\] inside offset 10d reaches 35d back/);
    assert.throws(() => check(alertRule(`max_over_time(rate(http_requests_total{${APP}}[5m])[40d:1h]) > 0`)), (e: Error) => (e.message.match(/reaches/g) ?? []).length === 1);
    passes(alertRule(`max_over_time(rate(http_requests_total{${APP}}[5m])[15d:1h] offset 10d) > 0`));
  });

  it('leaves what a dashboard variable decides alone, and still checks the rest of the query', () => {
    // Grafana's number variables and the user's own: a window, a number, a grouping label, a metric name.
    passes(panel(promql(`sum(increase(http_requests_total{${APP}}[5m])) / $__range_s * $__interval_ms`)));
    passes(panel(promql(`topk($n, rate(http_requests_total{${APP}}[$window] offset $shift)) > $threshold`)));
    passes(panel(promql(`sum by ($group) (rate(http_requests_total{${APP}}[\${window:text}]))`, '{{method}}')));
    passes(panel(promql(`rate($metric{${APP}}[5m]) * on ($match) group_left (version) prometheus_build_info`)));
    passes(panel(logql('sum by ($group) (count_over_time({job="fedrl"}[$window]))')));
    fails(panel(promql(`sum by ($group, endpnt) (rate(http_requests_total{${APP}}[$window]))`)), /sum by \(endpnt\): label "endpnt" does not exist on http_requests_total \(did you mean "endpoint"\?\)/);
    fails(panel(logql('sum by ($group, podd) (count_over_time({job="fedrl"}[$window]))')), /no label or parsed field "podd"/);
  });

  it('stays silent where it cannot decide', () => {
    // A job added without a label list: nothing is known of its labels.
    passes((stack) => {
      stack.prometheus!.addScrapeJob({ jobName: 'ps', metrics: [{ name: 'ps_shard_bytes', type: 'gauge' }], render: () => ({ job_name: 'ps', static_configs: [{ targets: ['ps:9102'] }] }) });
      stack.grafana!.addDashboard(
        renderDashboard(
          { title: 'PS', description: '', tags: [], requires: [], rows: [{ panels: [timeseries({ title: 'Shards', targets: [promql('sum by (shard) (ps_shard_bytes)', '{{shard}}')] })] }] },
          { jobs: new Set(), applicationJob: 'dynamic-graph-fed-rl' },
        ),
      );
    });
  });
});

describe('synth-time check of LogQL', () => {
  it('refuses a stream selector label the pipeline does not attach', () => {
    fails(panel(logql('{jobs="fedrl"} |= "error"')), /panel "Seeded Panel": stream selector \{jobs="fedrl"\}: the log pipeline attaches no label "jobs" \(did you mean "job"\?\)/);
    fails(panel(logql('{job="fedrl", request_id="abc"}')), /no label "request_id"; "request_id" is structured metadata: filter it after the selector/);
    passes(panel(logql('{job="fedrl", level="error", agent_id=~".+"} | request_id="abc"')));
  });

  it('refuses label filters and unwrap on fields the JSON lines do not have', () => {
    fails(panel(logql('{job="fedrl"} | json | reward > 0.5')), /label filter reward > 0.5: no label or parsed field "reward" exists/);
    fails(panel(logql('sum(rate({job="fedrl"} | module="trainer" [5m]))')), /no label or parsed field "module" exists/);
    fails(panel(logql('sum by (fn) (count_over_time({job="fedrl"} | json [5m]))')), /grouping by \(fn\): no label or parsed field "fn"/);
    fails(panel(logql('sum(sum_over_time({job="fedrl"} | json | unwrap durations [5m]))')), /unwrap durations: no label or parsed field "durations"/);
    passes(panel(logql('sum by (module) (count_over_time({job="fedrl"} | json | module="trainer" | line > 10 [5m]))')));
    passes(panel(logql('{job="fedrl"} | logfmt | anything="x"')));
    fails(panel(logql('{job="fedrl"} | json | line_format "{{.mesage}}"')), /line_format "\{\{\.mesage\}\}": no label or parsed field "mesage" exists at that point of the pipeline \(did you mean "message"\?\)/);
    fails(panel(logql('{job="fedrl"} | json | label_format who=agent')), /label_format who=agent: no label or parsed field "agent"/);
    passes(panel(logql('{job="fedrl"} | json | label_format who=agent_id | line_format "{{.who}}: {{ .message | upper }}"')));
  });

  it('follows what label_replace, a conditional drop, a rename and a reformatted line do to the labels', () => {
    passes(panel(logql('sum by (p) (label_replace(rate({job="fedrl"}[5m]), "p", "$1", "pod", "(.*)"))')));
    // `drop level="debug"` keeps level where it has another value.
    passes(panel(logql('{job="fedrl"} | json | drop level="debug" | level="error"')));
    fails(panel(logql('{job="fedrl"} | json | drop module | module="x"')), /label filter module="x": no label or parsed field "module"/);
    // `dst=src` renames: src is gone; a template copies.
    fails(panel(logql('{job="fedrl"} | json | label_format mod=module | module="x"')), /label filter module="x": no label or parsed field "module" exists at that point of the pipeline \(did you mean "mod"\?\)/);
    passes(panel(logql('{job="fedrl"} | json | label_format mod="{{.module}}" | module="x" | mod="x"')));
    // After line_format the line is not the application's JSON: what | json then finds is not known.
    passes(panel(logql('{job="fedrl"} | json | line_format "{{.message}}" | json | status="500"')));
  });

  it('knows the JSON fields of the application lines only: the lines of another service are left alone', () => {
    // Jaeger and Grafana log fields of their own (msg, caller, logger…), not the guide's.
    passes(panel(logql('{job="jaeger"} | json | msg=~".*error.*" | caller!=""')));
    passes(panel(logql('sum by (caller) (count_over_time({container="grafana"} | json [5m]))')));
    fails(panel(logql('{job="fedrl"} | json | msg=~".*error.*"')), /label filter msg=~".\*error.\*": no label or parsed field "msg"/);
    // The stream labels are still checked there.
    fails(panel(logql('{job="jaeger", jobs="x"} | json | msg="x"')), /the log pipeline attaches no label "jobs"/);
  });

  it('refuses a legend printing a label the metric query does not keep', () => {
    fails(panel(logql('sum by (level) (count_over_time({job="fedrl"}[$__auto]))', '{{pod}}')), /panel "Seeded Panel": legend "\{\{pod\}\}" prints label "pod", which the expression's result does not carry \(it has level\)/);
    fails(panel(logql('sum(count_over_time({job="fedrl"}[5m]))', '{{level}}')), /prints label "level", which the expression's result does not carry \(it has no labels\)/);
    passes(panel(logql('topk(5, sum by (level, pod) (count_over_time({job="fedrl"}[5m])))', '{{level}} {{pod}}')));
    passes(panel(logql('sum by (module) (count_over_time({job="fedrl"} | json [5m]))', '{{module}}')));
    fails(panel(logql('sum by (pod) (sum(count_over_time({job="fedrl"}[5m])))')), /grouping by \(pod\): no label or parsed field "pod"/);
  });

  it('refuses a query that does not parse', () => {
    fails(panel(logql('{job="fedrl" |= "x"')), /LogQL syntax error at column/);
  });
});
