/**
 * `monstack validate`: runs the output validators over synthesized directories — by default every
 * dist/k8s/* and dist/compose/* — with each environment's user-provided secrets and bind address, and
 * promtool and amtool over each where they are on PATH.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildStack, EnvironmentStack } from '../build-stack';
import { blamingExtensions } from '../extensions/run';
import { Environment } from '../config/environment';
import { loadEnvironment } from '../config/load';
import { describeForKubernetes } from '../render/kubernetes/renderer';
import { OutputTarget, TARGETS, targetOfDir } from '../targets';
import { formatProblem, formatToolRun, Problem, ToolRun, UserSecret } from '../validate';
import { secretRefs } from './secrets';

export interface ValidateCommandOptions {
  /** Environment names or files; empty means every environment directory found. */
  readonly envs: readonly string[];
  /** An output root (holding k8s/ and compose/) or one output directory. */
  readonly dir: string;
  readonly cwd?: string;
}

export interface DirectoryReport {
  readonly dir: string;
  readonly problems: Problem[];
  /** What became of each real tool in this directory (run, or skipped when not on PATH). */
  readonly tools: ToolRun[];
}

/** The credentials `monstack secrets` prints for an environment: the only Secrets pods may use from outside the output. */
export async function userSecretsOf(env: Environment): Promise<UserSecret[]> {
  const stack = await buildStack(env);
  return blamingExtensions(env.extensions, () => userSecretsOfStack(stack));
}

export function userSecretsOfStack(stack: EnvironmentStack): UserSecret[] {
  return secretRefs(describeForKubernetes(stack)).map((r) => ({ secret: r.secret, key: r.key }));
}

/** How a directory is named in the report: relative to where the command runs, unless it lies elsewhere. */
function labelOf(dir: string, cwd: string): string {
  const relative = path.relative(cwd, dir);
  return relative === '' ? '.' : relative.startsWith('..') ? dir : relative;
}

function isOutputDir(dir: string): boolean {
  return targetOfDir(dir) !== undefined;
}

function subdirs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(dir, e.name))
    .sort();
}

/** Which directories to validate, each with the environment it was rendered from (when one is named). */
function targets(options: ValidateCommandOptions): { dir: string; env?: Environment; envName: string; target?: OutputTarget }[] {
  // An empty --dir would resolve to the current directory, which the user did not name.
  if (options.dir === '') throw new Error('--dir is empty: name the output directory synth wrote (dist/ by default)');
  const root = path.resolve(options.cwd ?? process.cwd(), options.dir);
  if (!fs.existsSync(root)) throw new Error(`${options.dir} does not exist: run \`monstack synth\` first`);
  if (options.envs.length > 0) {
    return options.envs.flatMap((ref) => {
      const env = loadEnvironment(ref, options.cwd);
      if (isOutputDir(root)) return [{ dir: root, env, envName: env.name }];
      const found = TARGETS.map((target) => ({ dir: path.join(root, target.name, env.name), target })).filter((d) => fs.existsSync(d.dir));
      if (found.length === 0) throw new Error(`no output for environment "${env.name}" in ${options.dir} (looked for ${orList(TARGETS.map((t) => `${t.name}/${env.name}`), 'and')}): run \`monstack synth --env ${ref}\``);
      return found.map(({ dir, target }) => ({ dir, env, envName: env.name, target }));
    });
  }
  if (isOutputDir(root)) return [{ dir: root, envName: path.basename(root) }];
  // A directory under <root>/<target>/ is that target's output, whatever files it holds now.
  const found = TARGETS.flatMap((target) => subdirs(path.join(root, target.name)).map((dir) => ({ dir, envName: path.basename(dir), target })));
  if (found.length === 0) throw new Error(`no ${orList(TARGETS.map((t) => `${t.name}/<env>`), 'or')} directories in ${options.dir}: run \`monstack synth\` first`);
  return found;
}

export async function runValidate(options: ValidateCommandOptions): Promise<DirectoryReport[]> {
  const cwd = options.cwd ?? process.cwd();
  // Directories found without --env are read as built-in environments of their name, each loaded once.
  const loaded = new Map<string, Environment | Error>();
  const environmentNamed = (name: string): Environment | Error => {
    if (!loaded.has(name)) {
      try {
        loaded.set(name, loadEnvironment(name, options.cwd));
      } catch (e) {
        loaded.set(name, e as Error);
      }
    }
    return loaded.get(name) as Environment | Error;
  };
  // k8s/<env> and compose/<env> share an environment: build its stack once for both.
  const secretsOf = new Map<Environment, UserSecret[]>();
  const userSecrets = async (env: Environment) => secretsOf.get(env) ?? secretsOf.set(env, await userSecretsOf(env)).get(env)!;
  const reports: DirectoryReport[] = [];
  for (const { dir, env, envName, target: under } of targets(options)) {
    const label = labelOf(dir, cwd);
    const environment = env ?? environmentNamed(envName);
    const target = under ?? targetOf(dir, label);
    // The tools need no environment: they check the files as they are.
    const tools = target.checkWithTools(dir, label);
    if (environment instanceof Error) {
      const unknown: Problem = { file: label, check: 'environment', message: `cannot tell which secrets "${envName}" provides (${environment.message.split('\n')[0]}); pass --env with its file` };
      reports.push({ dir: label, problems: [unknown, ...tools.problems], tools: tools.runs });
      continue;
    }
    const problems = target.validate(dir, { userSecrets: await userSecrets(environment), bindAddress: environment.bindAddress, label });
    reports.push({ dir: label, problems: [...problems, ...tools.problems], tools: tools.runs });
  }
  return reports;
}

/** `a, b or c`. */
function orList(items: readonly string[], word: 'or' | 'and'): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

/** The target whose output a directory holds. */
function targetOf(dir: string, label: string): OutputTarget {
  const target = targetOfDir(dir);
  if (!target) throw new Error(`${label} holds the output of no target (${TARGETS.map((t) => t.name).join(', ')})`);
  return target;
}

export function formatReports(reports: readonly DirectoryReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    if (report.problems.length === 0) lines.push(`ok ${report.dir}`);
    else lines.push(`FAIL ${report.dir} (${report.problems.length} problem${report.problems.length === 1 ? '' : 's'})`);
    lines.push(...report.tools.map((t) => `  ${formatToolRun(t)}`), ...report.problems.map((p) => `  ${formatProblem(p)}`));
  }
  const total = reports.reduce((n, r) => n + r.problems.length, 0);
  const skipped = [...new Set(reports.flatMap((r) => r.tools.filter((t) => t.status === 'skipped').map((t) => t.check.split(' ')[0])))];
  const summary = total === 0 ? `${reports.length} director${reports.length === 1 ? 'y' : 'ies'} valid` : `${total} problem${total === 1 ? '' : 's'} in ${reports.filter((r) => r.problems.length > 0).length} of ${reports.length} directories`;
  lines.push(skipped.length ? `${summary} (not checked by ${skipped.join(', ')}: not on PATH)` : summary);
  return `${lines.join('\n')}\n`;
}
