/** A problem with the user's input: which file, which key, which line, and what is wrong. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly keyPath: string,
    readonly detail: string,
    readonly line?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${keyPath ? `${keyPath}: ` : ''}${detail}`);
    this.name = 'ConfigError';
  }
}
