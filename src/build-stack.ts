/** Builds the stack of one environment and runs the environment's extension modules on it. */
import { Construct } from 'constructs';
import { MonitoringStack } from '../constructs';
import { Environment } from './config/environment';
import { runExtension } from './extensions/run';

export { StackExtension } from './extensions/run';

/** The stack as the environment file describes it, before any extension module has run. */
export function newStack(env: Environment): MonitoringStack {
  return new MonitoringStack(new Construct(undefined as never, ''), env.name, { environment: env });
}

/** The stack with every extension module run on it, one after the other, each awaited. */
export async function buildStack(env: Environment): Promise<MonitoringStack> {
  const stack = newStack(env);
  for (const module of env.extensions) await runExtension(module, stack);
  return stack;
}
