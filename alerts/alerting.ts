/**
 * The alerting of one environment: the rule files (built-in and added), the SLOs, the environment's
 * overrides, the routing tree and the runbooks. Everything renders lazily, so extensions may add rules
 * after the stack is built; the jobs Prometheus scrapes decide which rules are kept.
 */
import { builtinRuleFiles } from './builtin';
import { RulesContext } from './context';
import { PromRuleFile } from '../constructs/rule-file';
import { ruleFileName, ruleFileObject } from './model/render';
import { AlertOverride, checkOverrides, ResolvedAlert, ResolvedFile, resolvedAlerts, resolveFiles } from './model/resolve';
import { RuleFile, RuleGroup } from './model/rule';
import { AlertRouting, AlertRoutingProps } from './routing';
import { runbookIndex, runbookMarkdown } from './runbooks';
import { Slo } from './slo';

export interface AlertingProps {
  /** The environment's name, in the runbooks. */
  readonly environment: string;
  /** The application's scrape job, which its rules select. */
  readonly applicationJob: string;
  /** Where the runbooks are published; each alert's runbook_url points below it. */
  readonly runbookBaseUrl: string;
  /** What the environment changes about an alert, by alert name (checked: AlertOverrideError). @default {} */
  readonly overrides?: Readonly<Record<string, AlertOverride>>;
  /** @default AlertRouting's own defaults */
  readonly routing?: Omit<AlertRoutingProps, 'sloLongWindows'>;
}

/** Rendered when an environment keeps no rule at all, so that the rules directory is never empty. */
const EMPTY_RULE_FILE = 'empty.yaml';

export class Alerting {
  readonly context: RulesContext;
  readonly routing: AlertRouting;
  private readonly files: RuleFile[];

  private readonly overrides: Readonly<Record<string, AlertOverride>>;

  constructor(
    private readonly props: AlertingProps,
    /** The scrape jobs Prometheus has, asked for when rules are rendered. */
    private readonly jobs: () => ReadonlySet<string>,
  ) {
    this.context = { applicationJob: props.applicationJob };
    this.overrides = props.overrides ?? {};
    this.files = builtinRuleFiles(this.context);
    // Inhibitions follow the SLOs there are, extensions' included.
    const sloLongWindows = () => this.alerts.flatMap((a) => (a.labels.slo && a.labels.long_window ? [a.labels.long_window] : []));
    this.routing = new AlertRouting({ ...props.routing, sloLongWindows });
  }

  /** Add a rule file of your own (an extension's alerts); its name must be new. */
  addRuleFile(file: RuleFile): void {
    if (this.files.some((f) => f.name === file.name)) throw new Error(`Alerting.addRuleFile: a rule file named "${file.name}" exists already`);
    this.files.push(file);
  }

  /** Add a group to a rule file, creating the file if needed. */
  addGroup(fileName: string, group: RuleGroup): void {
    const i = this.files.findIndex((f) => f.name === fileName);
    if (i < 0) this.files.push({ name: fileName, groups: [group] });
    else this.files[i] = { ...this.files[i], groups: [...this.files[i].groups, group] };
  }

  /** Add an objective: its recording rules and burn-rate alerts join the `slo` rule file. */
  addSlo(slo: Slo): void {
    this.addGroup('slo', slo.group());
  }

  /** The declared rule files, before this environment's choices. */
  get declaredFiles(): readonly RuleFile[] {
    return this.files;
  }

  /**
   * Checks the environment's overrides against every declared alert (extensions' included), whether or
   * not Prometheus runs: an unknown alert or threshold name, or a value out of range, throws an
   * AlertOverrideError with the override's key path (the CLI names the file and line that hold it).
   */
  checkOverrides(): void {
    checkOverrides(this.files, this.overrides);
  }

  /** The rule files of this environment: rules for absent jobs left out, overrides applied. */
  resolve(): ResolvedFile[] {
    return resolveFiles(this.files, { jobs: this.jobs(), overrides: this.overrides, runbookBaseUrl: this.props.runbookBaseUrl });
  }

  get alerts(): ResolvedAlert[] {
    return resolvedAlerts(this.resolve());
  }

  /** File name → rule groups, for Prometheus (serialized by the renderer). */
  ruleFiles(): Map<string, PromRuleFile> {
    const files = this.resolve();
    if (files.length === 0) return new Map([[EMPTY_RULE_FILE, { groups: [] }]]);
    return new Map(files.map((f) => [ruleFileName(f), ruleFileObject(f)]));
  }

  /** File name → Markdown: one runbook per alert and the index README.md. */
  runbooks(): Map<string, string> {
    const alerts = this.alerts;
    const env = this.props.environment;
    return new Map([['README.md', runbookIndex(alerts, env)], ...alerts.map((a): [string, string] => [`${a.name}.md`, runbookMarkdown(a, env)])]);
  }
}
