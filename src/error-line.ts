/** The one line a command prints for any error, whatever was thrown: a ConfigError is already located. */
import { ConfigError } from './config/errors';
import { messageOf } from './extensions/thrown';

export function errorLine(error: unknown): string {
  return error instanceof ConfigError ? error.message : `error: ${messageOf(error)}`;
}
