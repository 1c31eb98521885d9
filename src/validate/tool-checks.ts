/**
 * The real tools over one output directory, where they are installed: `promtool check config` on each
 * prometheus.yml with the rule files mounted beside it, `promtool check rules` on every rule file and
 * `amtool check-config` on each alertmanager.yml. Each config is laid out under a temporary root as its
 * container sees it, the secret files it names holding placeholders; the root is removed afterwards.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findOnPath, runTool, ToolOutput } from './host-tools';
import { detectKind, Obj, OutputKind } from './output';
import { Problem } from './problem';
import { composeSources, describeLocation, kubernetesSources, Location, ruleFilesOf, stageConfig, stagedPath, StagedSource, OlderToolFallback, STATIC_TARGETS_FALLBACK, WEBHOOK_URL_FALLBACK, writeYaml } from './staging';

export const TOOL_CHECKS = ['promtool check config', 'promtool check rules', 'amtool check-config'] as const;
export type ToolCheck = (typeof TOOL_CHECKS)[number];

/** What became of one tool in one directory. */
export interface ToolRun {
  readonly check: ToolCheck;
  /** `run`; `skipped` when the tool is not on PATH; `nothing to check` when the output has no such file. */
  readonly status: 'run' | 'skipped' | 'nothing to check';
  /** Files it checked. */
  readonly files: number;
  /** Anything the reader should know about how it ran. */
  readonly note?: string;
}

export interface ToolCheckResult {
  readonly runs: ToolRun[];
  readonly problems: Problem[];
}

export interface ToolCheckOptions {
  /** How file names start in problems. @default the directory's last two path parts, e.g. `k8s/dev` */
  readonly label?: string;
  /** Where to look for the tools. @default process.env.PATH */
  readonly searchPath?: string;
}

/** Staged file → where it is in the output, to name output files in the tools' messages. */
type Names = Map<string, Location>;

/** The sections of a tool's output that failed: `Checking <file>` headers, then what the tool said. */
export function failedSections(output: string): { subject: string; message: string }[] {
  const sections: { subject: string; lines: string[] }[] = [];
  for (const line of output.split('\n')) {
    const header = /^Checking '?(.+?)'?(\s+FAILED:.*)?$/.exec(line);
    if (header) sections.push({ subject: header[1], lines: header[2] ? [header[2]] : [] });
    else if (sections.length > 0) sections[sections.length - 1].lines.push(line);
  }
  return sections
    .filter((s) => s.lines.some((l) => /FAILED/.test(l)))
    .map((s) => ({
      subject: s.subject,
      message: s.lines
        .filter((l) => l.trim() !== '' && !/^\s*SUCCESS\b/.test(l) && !/^(promtool|amtool): error: failed to validate/.test(l))
        .map((l) => l.replace(/^\s*FAILED:\s*/, '').trim())
        .filter(Boolean)
        .map((l) => (l.startsWith(`${s.subject}: `) ? l.slice(s.subject.length + 2) : l))
        // promtool check config says some errors twice.
        .filter((l, i, all) => all.indexOf(l) === i)
        .join(' '),
    }));
}

/** The tool's words with staged paths replaced by output locations, and other staged paths by the container's. */
function named(text: string, names: Names, root: string): string {
  let out = text;
  for (const [staged, location] of [...names].sort((a, b) => b[0].length - a[0].length)) out = out.split(staged).join(describeLocation(location));
  return out.split(root).join('');
}

/** Problems from a tool's output: one per failed file, or the whole output when it names none. */
function problemsOf(check: ToolCheck, result: ToolOutput, names: Names, root: string, fallback: Location): Problem[] {
  if (result.failure) return [{ ...fallback, check, message: `${check} ${result.failure}${result.output.trim() ? `: ${named(result.output.trim(), names, root)}` : ''}` }];
  if (result.status === 0) return [];
  const sections = failedSections(result.output);
  if (sections.length === 0) return [{ ...fallback, check, message: named(result.output.trim().replace(/\s*\n\s*/g, ' '), names, root) || `exited ${result.status}` }];
  return sections.map((s) => {
    const location = names.get(s.subject) ?? fallback;
    return { ...location, check, message: withoutOwnName(named(s.message, names, root), location) };
  });
}

/** The problem names its file already: `parsing YAML file <it>: not a valid duration` says the rest. */
function withoutOwnName(message: string, location: Location): string {
  const own = `${describeLocation(location)}: `;
  const at = message.indexOf(own);
  return at >= 0 && /^(parsing YAML file |loading )?$/.test(message.slice(0, at)) ? message.slice(at + own.length) : message;
}

/** The config laid out for the tool; one that does not parse goes as it is, for the tool to say why. */
function writeStaged(file: string, source: StagedSource, config: Obj | undefined, scratch: string): string {
  if (config) return writeYaml(file, stageConfig(config, source.mounts, scratch, source.containerDir));
  stageConfig({}, source.mounts, scratch);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, source.text);
  return file;
}

function mountNames(source: StagedSource, root: string): Names {
  const names: Names = new Map();
  for (const mount of source.mounts) for (const [file, location] of mount.locations ?? []) names.set(stagedPath(root, mount.containerPath, file), location);
  return names;
}

class ToolChecker {
  readonly runs: ToolRun[] = [];
  readonly problems: Problem[] = [];
  private staged = 0;

  constructor(
    private readonly dir: string,
    private readonly kind: OutputKind,
    private readonly label: string,
    private readonly root: string,
    private readonly searchPath: string | undefined,
  ) {}

  /** A fresh directory under the root for one staged configuration. */
  private scratch(): string {
    const dir = path.join(this.root, String(++this.staged));
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  private tool(check: ToolCheck): string | undefined {
    const binary = check.split(' ')[0];
    const found = findOnPath(binary, this.searchPath);
    if (!found) this.runs.push({ check, status: 'skipped', files: 0, note: `${binary} is not on PATH` });
    return found;
  }

  private sources(fileName: string): StagedSource[] {
    return this.kind === 'k8s' ? kubernetesSources(this.dir, fileName, this.label) : composeSources(this.dir, fileName, this.label);
  }

  checkRules(): Set<string> {
    const checked = new Set<string>();
    const files = ruleFilesOf(this.dir, this.kind, this.label);
    if (files.length === 0) {
      this.runs.push({ check: 'promtool check rules', status: 'nothing to check', files: 0, note: 'no rule files' });
      return checked;
    }
    const promtool = this.tool('promtool check rules');
    if (!promtool) return checked;
    const scratch = this.scratch();
    const names: Names = new Map();
    const paths = files.map((f, i) => {
      const file = path.join(scratch, `${i + 1}.yaml`);
      fs.writeFileSync(file, f.text);
      names.set(file, f.location);
      checked.add(describeLocation(f.location));
      return file;
    });
    this.problems.push(...problemsOf('promtool check rules', runTool(promtool, ['check', 'rules', ...paths], scratch), names, scratch, { file: this.label }));
    this.runs.push({ check: 'promtool check rules', status: 'run', files: files.length });
    return checked;
  }

  /** prometheus.yml with its rule files; a promtool without Kubernetes discovery checks the jobs with static targets. */
  checkPrometheusConfig(rulesChecked: ReadonlySet<string>): void {
    // What it says of a rule file, promtool check rules has said already.
    this.checkConfigs('promtool check config', 'prometheus.yml', (file) => ['check', 'config', file], STATIC_TARGETS_FALLBACK, (p) => !rulesChecked.has(describeLocation(p)));
  }

  checkAlertmanagerConfig(): void {
    this.checkConfigs('amtool check-config', 'alertmanager.yml', (file) => ['check-config', file], WEBHOOK_URL_FALLBACK);
  }

  /** Each configuration of that name, staged as its container sees it, through the tool (again on a rewritten copy for an older tool). */
  private checkConfigs(
    check: ToolCheck,
    fileName: string,
    args: (file: string) => string[],
    fallback: OlderToolFallback,
    keep: (p: Problem) => boolean = () => true,
  ): void {
    const sources = this.sources(fileName);
    if (sources.length === 0) {
      this.runs.push({ check, status: 'nothing to check', files: 0, note: `no ${fileName}` });
      return;
    }
    const tool = this.tool(check);
    if (!tool) return;
    let note: string | undefined;
    for (const source of sources) {
      const run = (config: Obj | undefined) => {
        const scratch = this.scratch();
        const file = writeStaged(path.join(scratch, 'checked', fileName), source, config, scratch);
        const names = mountNames(source, scratch);
        names.set(file, source.location);
        return { result: runTool(tool, args(file), scratch), names, scratch };
      };
      let checked = run(source.config);
      if (checked.result.status !== 0 && source.config && fallback.refusal.test(checked.result.output)) {
        checked = run(fallback.rewrite(source.config));
        note = fallback.note;
      }
      this.problems.push(...problemsOf(check, checked.result, checked.names, checked.scratch, source.location).filter(keep));
    }
    this.runs.push({ check, status: 'run', files: sources.length, ...(note ? { note } : {}) });
  }
}

/** Runs promtool and amtool, where they are on PATH, over one synthesized output directory. */
export function checkWithTools(dir: string, options: ToolCheckOptions = {}): ToolCheckResult {
  const resolved = path.resolve(dir);
  const label = options.label ?? resolved.split(path.sep).slice(-2).join('/');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'monstack-tools-'));
  try {
    const checker = new ToolChecker(resolved, detectKind(resolved), label, root, options.searchPath);
    // Files an output names may not lay out at all (a file where a directory must be): a problem, not a crash.
    const guarded = <T>(check: ToolCheck, run: () => T, otherwise: T): T => {
      try {
        return run();
      } catch (e) {
        checker.problems.push({ file: label, check, message: `could not lay the files out for ${check.split(' ')[0]}: ${(e as Error).message.split(root).join('')}` });
        return otherwise;
      }
    };
    const rulesChecked = guarded('promtool check rules', () => checker.checkRules(), new Set<string>());
    guarded('promtool check config', () => checker.checkPrometheusConfig(rulesChecked), undefined);
    guarded('amtool check-config', () => checker.checkAlertmanagerConfig(), undefined);
    const order = (r: ToolRun) => TOOL_CHECKS.indexOf(r.check);
    return { runs: checker.runs.sort((a, b) => order(a) - order(b)), problems: checker.problems };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** `promtool check config: run (1 file)`, `amtool check-config: skipped (amtool is not on PATH)`. */
export function formatToolRun(run: ToolRun): string {
  const detail = [run.status === 'run' ? `${run.files} file${run.files === 1 ? '' : 's'}` : undefined, run.note].filter(Boolean).join('; ');
  return `${run.check}: ${run.status}${detail ? ` (${detail})` : ''}`;
}
