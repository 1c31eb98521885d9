/**
 * The long SLO windows (1d, 3d, 30d) are summed from the 5-minute event recordings. Under promtool, over four
 * days of traffic whose volume and error fraction change every day, each must agree with the SLI's own
 * definition over the raw series (rate() over the whole window), for both guide objectives.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { builtinRuleFiles, DEFAULT_RULES_CONTEXT, guideSlos, renderRuleFile, resolveFiles, ruleFileName, series, TestSeries } from '../../alerts';
import { toYaml } from '../../constructs/yaml';
import { tempDir } from '../helpers/cli';
import { CONTRACT_JOBS } from '../helpers/contracts';
import { requireTool, runToolAsync } from '../helpers/tools';

const MINUTES_PER_DAY = 1440;
/** Events per minute and the fraction of them that is bad, day by day: busy and clean, quiet and failing, … */
const DAYS: readonly { perMinute: number; bad: number }[] = [
  { perMinute: 1000, bad: 0.001 },
  { perMinute: 40, bad: 0.25 },
  { perMinute: 1000, bad: 0.01 },
  { perMinute: 100, bad: 0.05 },
];

/** A counter growing by the day's rate each minute, as promtool segments (one sample a minute). */
function counter(perMinute: (day: (typeof DAYS)[number]) => number): string {
  let value = 0;
  return DAYS.map((day) => {
    const step = perMinute(day);
    const segment = `${value}+${step}x${MINUTES_PER_DAY - 1}`;
    value += step * MINUTES_PER_DAY;
    return segment;
  }).join(' ');
}

const job = DEFAULT_RULES_CONTEXT.applicationJob;
const target = `endpoint="/api/train",method="GET",instance="app:8000",job="${job}"`;
const INPUT: TestSeries[] = [
  series(`http_requests_total{${target},status="500"}`, counter((d) => d.perMinute * d.bad)),
  series(`http_requests_total{${target},status="200"}`, counter((d) => d.perMinute * (1 - d.bad))),
  series(`http_request_duration_seconds_bucket{${target},le="0.2"}`, counter((d) => d.perMinute * (1 - d.bad))),
  series(`http_request_duration_seconds_bucket{${target},le="+Inf"}`, counter((d) => d.perMinute)),
  series(`http_request_duration_seconds_count{${target}}`, counter((d) => d.perMinute)),
];

/** 1 where the recorded ratio is within 1% of the raw one. */
function agrees(recorded: string, raw: string): string {
  return `abs(${recorded} - on () (${raw})) / on () (${raw}) < bool 0.01`;
}

describe('SLO windows summed from 5-minute recordings', () => {
  let dir: string;
  before(() => {
    requireTool('promtool');
    dir = tempDir('monstack-slo-windows-');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('match rate() over the raw series for 1d, 3d and 30d, weighing every event the same', async () => {
    const files = resolveFiles(builtinRuleFiles(DEFAULT_RULES_CONTEXT), { jobs: CONTRACT_JOBS, overrides: {}, runbookBaseUrl: 'https://runbooks.test/monstack' });
    const slo = files.find((f) => f.name === 'slo')!;
    fs.writeFileSync(path.join(dir, ruleFileName(slo)), renderRuleFile(slo));
    const checks: object[] = [];
    for (const s of guideSlos(DEFAULT_RULES_CONTEXT)) {
      const raw = (w: string) => `(${s.props.errors(w)}) / (${s.props.total(w)})`;
      // Off the day boundaries: a range takes the sample at its start too, whose 5-minute rate reaches 5
      // minutes further back (a 10-fold change of volume at that instant moves a 1d window by 3%).
      for (const evalTime of ['2d12h', '3d18h']) {
        for (const w of ['1d', '3d', '30d']) {
          checks.push({ expr: agrees(`slo:sli_error:ratio_rate${w}{slo="${s.props.name}"}`, raw(w)), eval_time: evalTime, exp_samples: [{ labels: '{}', value: 1 }] });
        }
      }
      // The data can tell the weighting apart: an average of the 5-minute ratios (every evaluation
      // weighing the same, as Sloth's 30-day window does) is far from the raw ratio here.
      checks.push({
        expr: agrees(`avg_over_time(slo:sli_error:ratio_rate5m{slo="${s.props.name}"}[3d])`, raw('3d')),
        eval_time: '4d',
        exp_samples: [{ labels: '{}', value: 0 }],
      });
    }
    // Evaluating every 5 minutes, the 5-minute rates tile the time line: four days stay quick to test.
    const test = { rule_files: [ruleFileName(slo)], evaluation_interval: '5m', tests: [{ interval: '1m', input_series: INPUT, promql_expr_test: checks }] };
    fs.writeFileSync(path.join(dir, 'slo-windows.test.yaml'), toYaml(test));
    const r = await runToolAsync('promtool', ['test', 'rules', 'slo-windows.test.yaml'], dir);
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });
});
