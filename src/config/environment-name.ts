/**
 * An environment's name becomes directory names (`k8s/<name>`, `compose/<name>`, `runbooks/<name>`) and a
 * label value, so it must be a DNS-1123 label: a name like `.` or `..` (from `..yaml`) would otherwise
 * point synth at the output directory itself or its parent.
 */
import { ConfigError } from './errors';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_LENGTH = 63;

/** Throws, naming the file the name comes from, unless `name` is a DNS-1123 label. */
export function checkEnvironmentName(name: string, file: string): void {
  if (DNS_1123_LABEL.test(name) && name.length <= MAX_LENGTH) return;
  throw new ConfigError(
    file,
    '',
    `the environment is named "${name}" after its file, and that name must be a DNS-1123 label ` +
      `(at most ${MAX_LENGTH} lower-case letters, digits and '-', starting and ending with a letter or digit): rename the file`,
  );
}
