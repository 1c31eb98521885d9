/** Input that is valid but probably not meant: reported on stderr, synth still runs (exit 0). */
export interface ConfigWarning {
  readonly file: string;
  readonly line?: number;
  /** Where in the file, when a key is the cause. */
  readonly keyPath?: string;
  readonly message: string;
}

/** `<file>:<line>: warning: <key.path>: <message>`, the form of an error with `warning:` added. */
export function formatWarning(w: ConfigWarning): string {
  return `${w.file}${w.line !== undefined ? `:${w.line}` : ''}: warning: ${w.keyPath ? `${w.keyPath}: ` : ''}${w.message}`;
}
