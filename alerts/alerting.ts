/**
 * The alerting of one environment: the rule files (built-in and added), the SLOs, the environment's
 * overrides, the routing tree and the runbooks. Everything renders lazily, so extensions may add rules
 * after the stack is built; the jobs Prometheus scrapes decide which rules are kept.
 */
import * as fs from 'fs';
import * as yaml from 'js-yaml';
import { Environment } from '../src/config/environment';
import { ConfigError } from '../src/config/errors';
import { lineOfKeyPath } from '../src/config/yaml-lines';
import { builtinRuleFiles } from './builtin';
import { RulesContext } from './context';
import { renderRuleFile, ruleFileName } from './model/render';
import { AlertOverride, AlertOverrideError, checkOverrides, ResolvedAlert, ResolvedFile, resolvedAlerts, resolveFiles } from './model/resolve';
import { RuleFile, RuleGroup } from './model/rule';
import { AlertRouting } from './routing';
import { runbookIndex, runbookMarkdown } from './runbooks';
import { Slo } from './slo';

/** Rendered when an environment keeps no rule at all, so that the rules directory is never empty. */
const EMPTY_RULE_FILE = 'empty.yaml';

export class Alerting {
  readonly context: RulesContext;
  readonly routing: AlertRouting;
  private readonly files: RuleFile[];

  constructor(
    readonly environment: Environment,
    /** The scrape jobs Prometheus has, asked for when rules are rendered. */
    private readonly jobs: () => ReadonlySet<string>,
  ) {
    this.context = { applicationJob: environment.application.job };
    this.files = builtinRuleFiles(this.context);
    // Inhibitions follow the SLOs there are, extensions' included.
    const sloLongWindows = () => this.alerts.flatMap((a) => (a.labels.slo && a.labels.long_window ? [a.labels.long_window] : []));
    this.routing = new AlertRouting({ ...environment.alerting.routing, sloLongWindows });
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
   * not Prometheus runs: an unknown alert or threshold name, or a value out of range, is an error.
   */
  checkOverrides(): void {
    try {
      checkOverrides(this.files, this.environment.alerting.rules as Readonly<Record<string, AlertOverride>>);
    } catch (e) {
      if (e instanceof AlertOverrideError) throw this.configError(e);
      throw e;
    }
  }

  /** The rule files of this environment: rules for absent jobs left out, overrides applied. */
  resolve(): ResolvedFile[] {
    try {
      return resolveFiles(this.files, {
        jobs: this.jobs(),
        overrides: this.environment.alerting.rules as Readonly<Record<string, AlertOverride>>,
        runbookBaseUrl: this.environment.runbookBaseUrl,
      });
    } catch (e) {
      if (e instanceof AlertOverrideError) throw this.configError(e);
      throw e;
    }
  }

  get alerts(): ResolvedAlert[] {
    return resolvedAlerts(this.resolve());
  }

  /** File name → rule-file YAML, for Prometheus. */
  ruleFiles(): Map<string, string> {
    const files = this.resolve();
    if (files.length === 0) return new Map([[EMPTY_RULE_FILE, 'groups: []\n']]);
    return new Map(files.map((f) => [ruleFileName(f), renderRuleFile(f)]));
  }

  /** File name → Markdown: one runbook per alert and the index README.md. */
  runbooks(): Map<string, string> {
    const alerts = this.alerts;
    const env = this.environment.name;
    return new Map([['README.md', runbookIndex(alerts, env)], ...alerts.map((a): [string, string] => [`${a.name}.md`, runbookMarkdown(a, env)])]);
  }

  /** Points the error at the environment file (and line) that holds the bad override. */
  private configError(e: AlertOverrideError): ConfigError {
    for (const file of [...this.environment.sources].reverse()) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      if (holdsKeyPath(yaml.load(text, { schema: yaml.CORE_SCHEMA }), e.keyPath)) {
        return new ConfigError(file, e.keyPath.join('.'), e.detail, lineOfKeyPath(text, e.keyPath));
      }
    }
    return new ConfigError(this.environment.sources.at(-1) ?? this.environment.name, e.keyPath.join('.'), e.detail);
  }
}

function holdsKeyPath(doc: unknown, keyPath: readonly string[]): boolean {
  let at: unknown = doc;
  for (const key of keyPath) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return true;
}
