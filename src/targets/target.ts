/**
 * One output target (Kubernetes manifests, a compose stack, custom resources for a cluster's Prometheus
 * Operator): what the stack's components are told about where they run, how the stack is rendered,
 * how its output is checked, which credentials it reads and where users open its services.
 */
import { Platform, ResolvedServiceSpec } from '../../constructs';
import type { EnvironmentStack } from '../build-stack';
import { Environment } from '../config/environment';
import { RenderedFiles } from '../render/output';
import type { Problem, ToolCheckResult, ValidateOptions } from '../validate';

export interface OutputTarget {
  /** `--target` value and the directory under the output root: dist/<name>/<env>. */
  readonly name: string;
  /** One line for --help. */
  readonly summary: string;
  /** The facts components ask for (service discovery, log locations, peers) where this target runs them. */
  platform(env: Environment): Platform;
  /** Every file of one environment's output, relative to its directory. */
  render(stack: EnvironmentStack): RenderedFiles;
  /** Whether a directory holds this target's output (for `monstack validate --dir`). */
  recognizes(dir: string): boolean;
  /** The checks of `monstack validate` that need no tool. */
  validate(dir: string, options: ValidateOptions): Problem[];
  /** promtool and amtool over the output, where they are on PATH. */
  checkWithTools(dir: string, label: string): ToolCheckResult;
  /** The services as this target runs them, described (for access URLs and credentials). */
  services(stack: EnvironmentStack): ResolvedServiceSpec[];
  /** Fresh credentials for what the output runs, as `monstack secrets` prints them. */
  secrets(stack: EnvironmentStack): string;
  /** Where a user opens a service, for `monstack list`; absent when the target adds no column. */
  readonly access?: { readonly column: string; url(spec: ResolvedServiceSpec, env: Environment): string };
}

/** The validators, loaded when a command validates: synth never pays for the schemas and ajv. */
export const validation = (): typeof import('../validate') => require('../validate') as typeof import('../validate');
