/** Synthesis: environments in, rendered files out, all in memory until every environment has rendered. */
import { loadEnvironment, builtinEnvironmentNames } from './config/load';
import { buildStack } from './build-stack';
import { MonitoringStack } from '../constructs';
import { catalogueLookup } from '../constructs/catalogues';
import { checkStack, StackCheckError } from './checks/stack-check';
import { ConfigError } from './config/errors';
import { OutputUnit, writeUnits } from './output/write';
import { renderCompose } from './render/compose/renderer';
import { KubernetesPlatform } from './render/kubernetes/platform';
import { renderKubernetes } from './render/kubernetes/renderer';

export type Target = 'k8s' | 'compose';
export const TARGETS: readonly Target[] = ['k8s', 'compose'];

export interface SynthOptions {
  /** Built-in names or file paths; empty means every built-in environment. */
  readonly envs: readonly string[];
  readonly targets: readonly Target[];
  readonly outDir: string;
  readonly cwd?: string;
}

/** Renders every requested environment and target. Throws before anything is written. */
export function render(options: Pick<SynthOptions, 'envs' | 'targets' | 'cwd'>): OutputUnit[] {
  const refs = options.envs.length > 0 ? options.envs : builtinEnvironmentNames();
  const units: OutputUnit[] = [];
  for (const ref of refs) {
    const env = loadEnvironment(ref, options.cwd);
    units.push(...withEnvironmentNamed(ref, () => renderStack(buildStack(env), options.targets)));
  }
  const dirs = units.map((u) => u.dir);
  const twice = dirs.find((d, i) => dirs.indexOf(d) !== i);
  if (twice) throw new Error(`two environments would both write ${twice}: give them different file names`);
  return units;
}

/**
 * A construct refusing a combination the schema cannot see (a 2-node Elasticsearch, a heap too small)
 * names the setting; this adds which environment file asked for it.
 */
function withEnvironmentNamed<T>(ref: string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof ConfigError || e instanceof StackCheckError) throw e;
    throw new ConfigError(ref, '', (e as Error).message);
  }
}

/** Checks one environment's stack and renders it for the targets, in one pass over the stack. */
/** Where the check's warnings go (a short window, say): stderr unless the caller takes them. */
export type WarningSink = (message: string) => void;
const toStderr: WarningSink = (message) => process.stderr.write(`warning: ${message}\n`);

export function renderStack(stack: MonitoringStack, targets: readonly Target[], warn: WarningSink = toStderr): OutputUnit[] {
  const env = stack.environment;
  return stack.inOnePass(() => {
    const units: OutputUnit[] = [];
    // Job names and rules are the same on both platforms, so one check covers both targets.
    const warnings = checkStack(stack, new KubernetesPlatform(env.namespace), catalogueLookup(env.application.job));
    for (const w of warnings) warn(`environment ${env.name}: ${w}`);
    if (targets.includes('k8s')) units.push({ dir: `k8s/${env.name}`, files: renderKubernetes(stack) });
    if (targets.includes('compose')) units.push({ dir: `compose/${env.name}`, files: renderCompose(stack) });
    // Runbooks belong to no target: every synth writes them where runbook_url points.
    if (stack.prometheus) units.push({ dir: `runbooks/${env.name}`, files: stack.alerting.runbooks() });
    return units;
  });
}

export function synth(options: SynthOptions): string[] {
  const units = render(options);
  // A full synth owns the output: environments that no longer exist leave with it.
  const full = options.envs.length === 0;
  return writeUnits(options.outDir, units, () => full);
}
