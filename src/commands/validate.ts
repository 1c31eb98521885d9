/**
 * `monstack validate`: runs the output validators over synthesized directories — by default every
 * dist/k8s/* and dist/compose/* — with each environment's user-provided secrets and bind address, and
 * promtool and amtool over each where they are on PATH.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MonitoringStack } from '../../constructs';
import { buildStack } from '../build-stack';
import { blamingExtensions } from '../extensions/run';
import { Environment } from '../config/environment';
import { loadEnvironment } from '../config/load';
import { describeForKubernetes } from '../render/kubernetes/renderer';
import { composeFileIn } from '../validate/output';
import { checkWithTools, formatProblem, formatToolRun, Problem, ToolRun, UserSecret, validateOutput } from '../validate';
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

export function userSecretsOfStack(stack: MonitoringStack): UserSecret[] {
  return secretRefs(describeForKubernetes(stack)).map((r) => ({ secret: r.secret, key: r.key }));
}

/** How a directory is named in the report: relative to where the command runs, unless it lies elsewhere. */
function labelOf(dir: string, cwd: string): string {
  const relative = path.relative(cwd, dir);
  return relative === '' ? '.' : relative.startsWith('..') ? dir : relative;
}

function isOutputDir(dir: string): boolean {
  return composeFileIn(dir) !== undefined || fs.existsSync(path.join(dir, 'kustomization.yaml'));
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
function targets(options: ValidateCommandOptions): { dir: string; env?: Environment; envName: string }[] {
  const root = path.resolve(options.cwd ?? process.cwd(), options.dir);
  if (!fs.existsSync(root)) throw new Error(`${options.dir} does not exist: run \`monstack synth\` first`);
  if (options.envs.length > 0) {
    return options.envs.flatMap((ref) => {
      const env = loadEnvironment(ref, options.cwd);
      if (isOutputDir(root)) return [{ dir: root, env, envName: env.name }];
      const found = ['k8s', 'compose'].map((t) => path.join(root, t, env.name)).filter((d) => fs.existsSync(d));
      if (found.length === 0) throw new Error(`no output for environment "${env.name}" in ${options.dir} (looked for k8s/${env.name} and compose/${env.name}): run \`monstack synth --env ${ref}\``);
      return found.map((dir) => ({ dir, env, envName: env.name }));
    });
  }
  if (isOutputDir(root)) return [{ dir: root, envName: path.basename(root) }];
  const found = [...subdirs(path.join(root, 'k8s')), ...subdirs(path.join(root, 'compose'))].map((dir) => ({ dir, envName: path.basename(dir) }));
  if (found.length === 0) throw new Error(`no k8s/<env> or compose/<env> directories in ${options.dir}: run \`monstack synth\` first`);
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
  for (const { dir, env, envName } of targets(options)) {
    const label = labelOf(dir, cwd);
    const environment = env ?? environmentNamed(envName);
    // The tools need no environment: they check the files as they are.
    const tools = checkWithTools(dir, { label });
    if (environment instanceof Error) {
      const unknown: Problem = { file: label, check: 'environment', message: `cannot tell which secrets "${envName}" provides (${environment.message.split('\n')[0]}); pass --env with its file` };
      reports.push({ dir: label, problems: [unknown, ...tools.problems], tools: tools.runs });
      continue;
    }
    const { problems } = validateOutput(dir, { userSecrets: await userSecrets(environment), bindAddress: environment.bindAddress, label });
    reports.push({ dir: label, problems: [...problems, ...tools.problems], tools: tools.runs });
  }
  return reports;
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
