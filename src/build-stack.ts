/** Builds the stack of one environment and runs the environment's extension modules on it. */
import { Construct } from 'constructs';
import { AlertOverrideError } from '../alerts/model/resolve';
import { MonitoringStack } from '../constructs';
import { Environment } from './config/environment';
import { overrideConfigError, stackPropsOf } from './config/stack-props';
import { runExtension } from './extensions/run';

export { StackExtension } from './extensions/run';

/**
 * The stack of an environment file: made from the props the environment maps to, and holding the
 * environment for the renderers (namespace, cluster settings, ingress) and for extensions.
 */
export class EnvironmentStack extends MonitoringStack {
  constructor(readonly environment: Environment) {
    super(new Construct(undefined as never, ''), environment.name, stackPropsOf(environment));
  }

  /** Every render and check is a pass: an override the library refuses is reported at its file and line. */
  override inOnePass<T>(work: () => T): T {
    try {
      return super.inOnePass(work);
    } catch (e) {
      if (e instanceof AlertOverrideError) throw overrideConfigError(this.environment, e);
      throw e;
    }
  }
}

/** The stack as the environment file describes it, before any extension module has run. */
export function newStack(env: Environment): EnvironmentStack {
  return new EnvironmentStack(env);
}

/** The stack with every extension module run on it, one after the other, each awaited. */
export async function buildStack(env: Environment): Promise<EnvironmentStack> {
  const stack = newStack(env);
  for (const module of env.extensions) await runExtension(module, stack);
  return stack;
}
