/** Builds the stack of one environment and runs the environment's extension modules on it. */
import { Construct } from 'constructs';
import { MonitoringStack } from '../constructs';
import { Environment } from './config/environment';
import { ConfigError } from './config/errors';

/** What an extension module exports: a function that changes or adds to the stack. */
export interface StackExtension {
  extend(stack: MonitoringStack): void;
}

export function buildStack(env: Environment): MonitoringStack {
  const stack = new MonitoringStack(new Construct(undefined as never, ''), env.name, { environment: env });
  for (const file of env.extensions) runExtension(file, stack);
  return stack;
}

function runExtension(file: string, stack: MonitoringStack): void {
  let module: Partial<StackExtension>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    module = require(file) as Partial<StackExtension>;
  } catch (e) {
    throw new ConfigError(file, 'extensions', `cannot load the extension module: ${(e as Error).message.split('\n')[0]}`);
  }
  if (typeof module.extend !== 'function') throw new ConfigError(file, 'extensions', 'the module must export a function extend(stack)');
  module.extend(stack);
}
