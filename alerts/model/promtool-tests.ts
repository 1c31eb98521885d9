/**
 * promtool unit tests from the tests written next to each alert: for every alert one case where it
 * fires (with its full labels and expanded annotations) and one where it stays quiet.
 */
import { toYaml } from '../../constructs/yaml';
import { FiringCase, QuietCase } from './rule';
import { parsePromql } from '../../constructs/promql';
import { ResolvedAlert, ResolvedFile } from './resolve';
import { ruleFileName } from './render';

export interface PromtoolTestFile {
  readonly rule_files: readonly string[];
  readonly evaluation_interval: string;
  readonly tests: readonly object[];
}

/** Alerts whose tests are missing or cannot be expanded (templated text without its expected value). */
export function testProblems(alerts: readonly ResolvedAlert[]): string[] {
  const problems: string[] = [];
  for (const a of alerts) {
    if (!a.tests?.fires || !a.tests?.quiet) {
      problems.push(`${a.name}: needs tests.fires and tests.quiet`);
      continue;
    }
    for (const key of ['summary', 'description'] as const) {
      if (a.annotations[key].includes('{{') && a.tests.fires[key] === undefined) {
        problems.push(`${a.name}: ${key} is a template; give its expanded text in tests.fires.${key}`);
      }
    }
  }
  return problems;
}

export function promtoolTests(ruleFiles: readonly string[], alerts: readonly ResolvedAlert[]): PromtoolTestFile {
  const problems = testProblems(alerts);
  if (problems.length) throw new Error(`alerts without usable tests:\n  ${problems.join('\n  ')}`);
  const tests: object[] = [];
  for (const a of alerts) {
    tests.push(firingTest(a, a.tests.fires));
    const quiet = a.tests.quiet;
    if (!('impossible' in quiet)) tests.push(quietTest(a, quiet));
  }
  return { rule_files: ruleFiles, evaluation_interval: '1m', tests };
}

function firingTest(a: ResolvedAlert, c: FiringCase): object {
  return {
    name: `${a.name} fires`,
    interval: '1m',
    input_series: c.series.map((s) => ({ series: s.series, values: s.values })),
    alert_rule_test: [
      {
        eval_time: c.at,
        alertname: a.name,
        exp_alerts: [
          {
            exp_labels: sortedKeys({ ...a.labels, ...c.labels }),
            exp_annotations: {
              summary: c.summary ?? a.annotations.summary,
              description: c.description ?? a.annotations.description,
              runbook_url: a.annotations.runbook_url,
            },
          },
        ],
      },
    ],
  };
}

function quietTest(a: ResolvedAlert, c: QuietCase): object {
  return {
    name: `${a.name} stays quiet`,
    interval: '1m',
    input_series: c.series.map((s) => ({ series: s.series, values: s.values })),
    alert_rule_test: [{ eval_time: c.at, alertname: a.name, exp_alerts: [] }],
  };
}

function sortedKeys(labels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

export function renderPromtoolTests(file: PromtoolTestFile): string {
  return toYaml(file);
}

/**
 * One promtool test file per rule file that has alerts, loading that file and the files whose
 * recording rules its expressions read (so each test evaluates only the rules it needs).
 */
export function promtoolTestFiles(files: readonly ResolvedFile[]): Map<string, PromtoolTestFile> {
  const recordedIn = new Map<string, string>();
  for (const f of files) for (const g of f.groups) for (const r of g.rules) if (r.kind === 'record') recordedIn.set(r.record, f.name);
  const result = new Map<string, PromtoolTestFile>();
  for (const file of files) {
    const rules = file.groups.flatMap((g) => g.rules);
    const alerts = rules.filter((r): r is ResolvedAlert => r.kind === 'alert');
    if (alerts.length === 0) continue;
    const needed = new Set<string>([file.name]);
    const pending = rules.map((r) => r.expr);
    while (pending.length) {
      for (const metric of parsePromql(pending.pop()!).metrics) {
        const provider = recordedIn.get(metric);
        if (provider && !needed.has(provider)) {
          needed.add(provider);
          pending.push(...files.find((f) => f.name === provider)!.groups.flatMap((g) => g.rules.map((r) => r.expr)));
        }
      }
    }
    const ruleFiles = files.filter((f) => needed.has(f.name)).map(ruleFileName);
    result.set(`${file.name}.test.yaml`, promtoolTests(ruleFiles, alerts));
  }
  return result;
}
