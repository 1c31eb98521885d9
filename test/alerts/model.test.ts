/** The rule model: resolution per environment, overrides, labels and annotations, SLO rules, recorded series. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  alert,
  AlertRule,
  builtinRuleFiles,
  DEFAULT_RULES_CONTEXT,
  guideSlos,
  minutesOf,
  promtoolTestFiles,
  resolvedAlerts,
  resolvedRecords,
  resolveFiles,
  RuleFile,
  series,
  Slo,
  testProblems,
  Thresholds,
} from '../../alerts';
import { parsePromql } from '../../src/promql/parse';
import { CONTRACT_JOBS } from '../helpers/contracts';

const BASE = 'https://runbooks.test/monstack';
const files = () => builtinRuleFiles(DEFAULT_RULES_CONTEXT);
const resolveWith = (overrides = {}, jobs: ReadonlySet<string> = CONTRACT_JOBS) => resolveFiles(files(), { jobs, overrides, runbookBaseUrl: BASE });

function alertNamed(name: string, overrides = {}) {
  const a = resolvedAlerts(resolveWith(overrides)).find((x) => x.name === name);
  assert.ok(a, `alert ${name}`);
  return a;
}

describe('alert model', () => {
  it('gives every alert severity, team and component labels and summary, description and runbook_url annotations', () => {
    for (const a of resolvedAlerts(resolveWith())) {
      assert.ok(['critical', 'warning', 'info'].includes(a.labels.severity), `${a.name} severity`);
      assert.ok(a.labels.team && a.labels.component, `${a.name} team/component`);
      assert.ok(a.annotations.summary && a.annotations.description, `${a.name} summary/description`);
      assert.equal(a.annotations.runbook_url, `${BASE}/${a.name}.md`);
      assert.ok(a.runbook.investigation.length > 0 && a.runbook.resolution.length > 0, `${a.name} runbook`);
    }
  });

  it('parses every expression with Prometheus\' grammar', () => {
    for (const f of resolveWith()) {
      for (const g of f.groups) for (const r of g.rules) assert.deepEqual(parsePromql(r.expr).problems, [], `${g.name}: ${r.expr}`);
    }
  });

  it('covers the guide\'s five categories, self-monitoring and capacity', () => {
    const names = new Set(resolvedAlerts(resolveWith()).map((a) => a.name));
    for (const name of [
      'HostHighCpuUsage', 'HostHighMemoryUsage', 'HostDiskSpaceLow', 'HighRequestLatency', 'HighErrorRate', 'PoorModelPerformance',
      'RewardTrendDeclining', 'TrainingLossNotConverging', 'AgentNetworkPartition', 'AgentsDisconnecting', 'AgentCommunicationLatencyHigh',
      'ParameterDivergenceHigh', 'UnauthorizedRequestsHigh', 'RequestRateAnomaly', 'Watchdog', 'TargetDown', 'PrometheusRuleFailures',
      'AlertmanagerNotificationsFailed', 'PrometheusConfigReloadFailed', 'AlertmanagerConfigReloadFailed', 'LokiDown', 'ElasticsearchDown',
      'JaegerDown', 'DiskWillFillIn24Hours', 'DiskWillFillIn4Hours', 'PostgresDown',
    ]) {
      assert.ok(names.has(name), `${name} exists`);
    }
  });

  it('leaves out the rules of jobs an environment does not scrape', () => {
    const jobs = new Set([...CONTRACT_JOBS].filter((j) => j !== 'loki' && j !== 'node-exporter'));
    const names = resolvedAlerts(resolveWith({}, jobs)).map((a) => a.name);
    assert.ok(!names.includes('LokiDown'));
    assert.ok(!names.includes('HostHighCpuUsage'));
    assert.ok(!resolvedRecords(resolveWith({}, jobs)).some((r) => r.record.startsWith('instance:node_')));
    assert.ok(names.includes('JaegerDown'));
  });

  it('applies an environment\'s overrides: for, severity, thresholds, enabled', () => {
    const a = alertNamed('HostHighCpuUsage', { HostHighCpuUsage: { for: '30m', severity: 'critical', thresholds: { cpuPercent: 75 } } });
    assert.equal(a.for, '30m');
    assert.equal(a.labels.severity, 'critical');
    assert.match(a.expr, /> 75$/);
    assert.match(a.annotations.description, /threshold 75%/);
    const names = resolvedAlerts(resolveWith({ HostHighCpuUsage: { enabled: false } })).map((x) => x.name);
    assert.ok(!names.includes('HostHighCpuUsage'));
  });

  it('prints an overridden fraction as a plain percentage', () => {
    const partition = alertNamed('AgentNetworkPartition', { AgentNetworkPartition: { thresholds: { minActiveFraction: 0.07 } } });
    assert.match(partition.annotations.description, /threshold 7%\)/);
    const forecast = alertNamed('CpuSaturationForecast', { CpuSaturationForecast: { thresholds: { utilisation: 0.57 } } });
    assert.match(forecast.annotations.description, /exceeds 57% within/);
    const trend = alertNamed('RewardTrendDeclining', { RewardTrendDeclining: { thresholds: { dropFraction: 0.29 } } });
    assert.match(trend.annotations.description, /more than 29% of that level/);
  });

  it('refuses an override of an alert or threshold that does not exist, naming the key path', () => {
    assert.throws(() => resolveWith({ HostHighCPUUsage: { enabled: false } }), /alerting\.rules\.HostHighCPUUsage: no alert is named "HostHighCPUUsage" \(did you mean "HostHighCpuUsage"\?\)/);
    assert.throws(() => resolveWith({ HostHighCpuUsage: { thresholds: { cpu: 80 } } }), /alerting\.rules\.HostHighCpuUsage\.thresholds\.cpu: HostHighCpuUsage has no threshold "cpu"; its thresholds: cpuPercent/);
  });

  it('keeps PoorModelPerformance and AgentNetworkPartition, with templating Prometheus can expand', () => {
    const poor = alertNamed('PoorModelPerformance');
    assert.equal(poor.labels.team, 'ml');
    const mean = resolvedRecords(resolveWith()).find((r) => r.record === parsePromql(poor.expr).metrics[0]);
    assert.ok(mean, 'reads a recorded mean');
    assert.deepEqual(parsePromql(mean.expr).metrics, ['training_episode_reward_count', 'training_episode_reward_sum'], 'a histogram is read through _sum and _count');
    const partition = alertNamed('AgentNetworkPartition');
    assert.equal(partition.labels.severity, 'critical');
    assert.doesNotMatch(partition.annotations.description, /\{\{ federation_total_agents \}\}/);
    assert.match(partition.annotations.description, /query/);
  });

  it('writes the promtool cases of a renamed application job with that job', () => {
    const renamed = resolveFiles(builtinRuleFiles({ applicationJob: 'fedrl-api' }), { jobs: new Set([...CONTRACT_JOBS, 'fedrl-api']), overrides: {}, runbookBaseUrl: BASE });
    const cases = JSON.stringify([...promtoolTestFiles(renamed).values()]);
    assert.ok(cases.includes('fedrl-api'));
    assert.ok(!cases.includes(DEFAULT_RULES_CONTEXT.applicationJob), 'no case keeps the default job name');
  });

  it('finds alerts without usable tests', () => {
    const untested = alert({
      name: 'Untested',
      expr: () => 'up == 0',
      severity: 'warning',
      team: 'infrastructure',
      component: 'x',
      thresholds: {},
      summary: 's',
      description: '{{ $labels.instance }} down',
      runbook: { symptoms: 's', investigation: ['i'], resolution: ['r'] },
      tests: { fires: { series: [series('up{instance="a"}', '0x5')], at: '1m' } } as never,
    }) as AlertRule<Thresholds>;
    const file: RuleFile = { name: 'x', groups: [{ name: 'x', rules: [untested] }] };
    const problems = testProblems(resolvedAlerts(resolveFiles([file], { jobs: new Set(), overrides: {}, runbookBaseUrl: BASE })));
    assert.deepEqual(problems, ['Untested: needs tests.fires and tests.quiet']);
  });
});

describe('SLOs', () => {
  it('records the contract\'s series for both objectives, labelled slo', () => {
    const [success, latency] = guideSlos(DEFAULT_RULES_CONTEXT);
    for (const slo of [success, latency]) {
      const records = slo.recordingRules();
      const names = records.map((r) => r.record);
      for (const w of ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']) assert.ok(names.includes(`slo:sli_error:ratio_rate${w}`), w);
      assert.ok(names.includes('slo:objective:ratio') && names.includes('slo:error_budget_remaining:ratio'));
      assert.ok(records.every((r) => r.labels?.slo === slo.props.name));
    }
    assert.equal(success.props.name, 'request-success');
    assert.equal(success.props.objective, 0.999);
    assert.equal(latency.props.name, 'request-latency');
    assert.match(latency.props.errors('5m'), /le="0\.2"/);
  });

  it('sums the windows longer than 6h from the 5-minute event recordings, never from raw series', () => {
    for (const slo of guideSlos(DEFAULT_RULES_CONTEXT)) {
      const records = new Map(slo.recordingRules().map((r) => [r.record, r.expr]));
      const raw = parsePromql(slo.props.total('5m')).metrics;
      for (const w of ['1d', '3d', '30d']) {
        const expr = records.get(`slo:sli_error:ratio_rate${w}`)!;
        assert.deepEqual([...new Set(parsePromql(expr).metrics)].sort(), ['slo:sli_error_events:rate5m', 'slo:sli_events:rate5m'], expr);
        assert.match(expr, new RegExp(`sum_over_time\\(slo:sli_error_events:rate5m\\{slo="${slo.props.name}"\\}\\[${w}\\]\\)`));
      }
      for (const w of ['30m', '1h', '2h', '6h']) {
        const metrics = parsePromql(records.get(`slo:sli_error:ratio_rate${w}`)!).metrics;
        assert.ok(raw.every((m) => metrics.includes(m)), `${w} reads the raw series`);
      }
      // The longest range over raw series in the whole objective is 6h.
      for (const expr of records.values()) {
        for (const [, range] of expr.matchAll(/\[(\d+[mhd])\]/g)) if (!expr.includes('slo:')) assert.ok(minutesOf(range) <= 360, `${range} over raw series: ${expr}`);
      }
    }
  });

  it('refuses an SLI given as a ratio only (it cannot be summed over long windows)', () => {
    const { errors: _errors, total: _total, ...base } = guideSlos(DEFAULT_RULES_CONTEXT)[0].props;
    assert.throws(() => new Slo({ ...base, errorRatio: () => 'vector(0)' } as never), /give errors\(window\) and total\(window\)/);
  });

  it('alerts on the workbook\'s four burn rates and windows', () => {
    const alerts = guideSlos(DEFAULT_RULES_CONTEXT)[0].alerts();
    const shape = alerts.map((a) => [a.name, a.severity, a.labels?.long_window, a.labels?.short_window, a.thresholds.burnRate]);
    assert.deepEqual(shape, [
      ['RequestSuccessErrorBudgetBurn1h', 'critical', '1h', '5m', 14.4],
      ['RequestSuccessErrorBudgetBurn6h', 'critical', '6h', '30m', 6],
      ['RequestSuccessErrorBudgetBurn1d', 'warning', '1d', '2h', 3],
      ['RequestSuccessErrorBudgetBurn3d', 'warning', '3d', '6h', 1],
    ]);
    assert.equal(alerts[0].expr(alerts[0].thresholds), 'slo:sli_error:ratio_rate1h{slo="request-success"} > (14.4 * 0.001) and slo:sli_error:ratio_rate5m{slo="request-success"} > (14.4 * 0.001)');
  });

  it('lets an environment change a burn rate like any threshold', () => {
    const a = alertNamed('RequestSuccessErrorBudgetBurn1h', { RequestSuccessErrorBudgetBurn1h: { thresholds: { burnRate: 10 } } });
    assert.match(a.expr, /> \(10 \* 0\.001\)/);
    assert.equal(a.annotations.summary, 'The request-success error budget burns 10× too fast');
  });

  it('refuses objectives that make no sense', () => {
    const base = guideSlos(DEFAULT_RULES_CONTEXT)[0].props;
    assert.throws(() => new Slo({ ...base, objective: 1 }), /between 0 and 1/);
    assert.throws(() => new Slo({ ...base, objective: 0.9 }), /burn rate 14.4× .* can never be reached/);
  });
});

describe('recorded series', () => {
  it('names every record level:metric:operations', () => {
    const records = resolvedRecords(resolveWith()).map((r) => r.record);
    for (const name of records) assert.match(name, /^[a-z_]+:[a-zA-Z0-9_]+:[a-z0-9_]+$/, name);
    assert.ok(records.includes('slo:error_budget_remaining:ratio'));
  });
});
