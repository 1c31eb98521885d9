/** Synthesis: environments in, rendered files out, all in memory until every environment has rendered. */
import { loadEnvironment, builtinEnvironmentNames } from './config/load';
import { buildStack, EnvironmentStack } from './build-stack';
import { catalogueLookup } from '../constructs/catalogues';
import { checkStack, StackCheckError } from './checks/stack-check';
import { ConfigError } from './config/errors';
import { ConfigWarning } from './config/warnings';
import { blamingExtensions } from './extensions/run';
import { messageOf } from './extensions/thrown';
import { checkOutDir } from './output/out-dir';
import { OutputUnit, writeUnits } from './output/write';
import { kubernetesPlatformOf } from './render/kubernetes/platform';
import { TARGETS, targetNamed } from './targets';

/** A target's name (`k8s`, `compose`, …): see src/targets. */
export type Target = string;
export const TARGET_NAMES: readonly Target[] = TARGETS.map((t) => t.name);

export interface SynthOptions {
  /** Built-in names or file paths; empty means every built-in environment. */
  readonly envs: readonly string[];
  readonly targets: readonly Target[];
  /** The output directory as the user gave it (relative to cwd). */
  readonly outDir: string;
  readonly cwd?: string;
  /** Told of each environment's warnings (valid but surprising input) as it loads. */
  readonly onWarning?: (warning: ConfigWarning) => void;
}

export interface Rendered {
  readonly units: OutputUnit[];
  /** Unit directories of the rendered environments that this render does not produce (runbooks without Prometheus). */
  readonly obsolete: string[];
}

/** Renders every requested environment and target. Throws before anything is written. */
export async function render(options: Pick<SynthOptions, 'envs' | 'targets' | 'cwd' | 'onWarning'>): Promise<Rendered> {
  const refs = options.envs.length > 0 ? options.envs : builtinEnvironmentNames();
  const units: OutputUnit[] = [];
  const obsolete: string[] = [];
  for (const ref of refs) {
    const env = loadEnvironment(ref, options.cwd);
    env.warnings.forEach((w) => options.onWarning?.(w));
    const rendered = await withEnvironmentNamed(ref, env.extensions, async () => renderStack(await buildStack(env), options.targets));
    units.push(...rendered);
    const dirs = new Set(rendered.map((u) => u.dir));
    obsolete.push(...unitDirsOf(env.name, options.targets).filter((d) => !dirs.has(d)));
  }
  return { units, obsolete };
}

/** Every unit directory an environment may have for the targets. */
function unitDirsOf(name: string, targets: readonly Target[]): string[] {
  return [...targets.map((t) => `${t}/${name}`), `runbooks/${name}`];
}

/**
 * A construct refusing a combination the schema cannot see (a 2-node Elasticsearch, a heap too small)
 * names the setting; this adds which environment file asked for it. A failure in code an extension
 * module added (a scrape job's render function, run lazily) names that module instead.
 */
async function withEnvironmentNamed<T>(ref: string, extensions: readonly string[], build: () => Promise<T>): Promise<T> {
  try {
    return await blamingExtensions(extensions, build);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof StackCheckError) throw e;
    throw new ConfigError(ref, '', messageOf(e));
  }
}

/** Where the check's warnings go (a short window, say): stderr unless the caller takes them. */
export type WarningSink = (message: string) => void;
const toStderr: WarningSink = (message) => process.stderr.write(`warning: ${message}\n`);

/** Checks one environment's stack and renders it for the targets, in one pass over the stack. */
export function renderStack(stack: EnvironmentStack, targets: readonly Target[], warn: WarningSink = toStderr): OutputUnit[] {
  const env = stack.environment;
  return stack.inOnePass(() => {
    const units: OutputUnit[] = [];
    // Job names and rules are the same on every platform, so one check covers every target; the
    // description it makes on Kubernetes is the one the Kubernetes targets render (same platform, same pass).
    const warnings = checkStack(stack, kubernetesPlatformOf(env), catalogueLookup(env.application.job));
    for (const w of warnings) warn(`environment ${env.name}: ${w}`);
    // In the registry's order, whatever order they were asked in.
    const asked = new Set(targets.map((name) => targetNamed(name).name));
    for (const target of TARGETS) if (asked.has(target.name)) units.push({ dir: `${target.name}/${env.name}`, files: target.render(stack) });
    // Runbooks belong to no target: every synth writes them where runbook_url points.
    if (stack.prometheus) units.push({ dir: `runbooks/${env.name}`, files: stack.alerting.runbooks() });
    return units;
  });
}

/**
 * Renders and writes. Only the rendered environments' directories are replaced: a full synth rewrites
 * the built-in environments and leaves every other directory of the output as it is.
 */
export async function synth(options: SynthOptions): Promise<string[]> {
  // The cheap refusals first, before any extension module runs.
  checkOutDir(options.outDir, options.cwd);
  const { units, obsolete } = await render(options);
  return writeUnits(options.outDir, units, { obsolete, cwd: options.cwd });
}
