/**
 * No credential value in any output file: secret-looking keys carry references (a variable, a
 * mounted file, a Secret), never literals; no well-known default password, private key, token in a
 * URL, or `latest` tag anywhere in the text.
 */
import { isObject } from './output';
import { jsonPath, Problem } from './problem';

/** Keys whose value is a credential: `password`, `adminPassword`, `GF_SECURITY_ADMIN_PASSWORD`, `routing_key`… */
const SECRET_KEY = /(^|_)(password|passwd|pwd|passphrase|token|secret|api_?key|access_key|secret_key|private_key|routing_key|service_key|integration_key|client_secret|credentials?)$/;

/** Keys that hold where a credential lives, not the credential. */
const REFERENCE_KEY = /_(file|path|name|ref|env|type|header|mode|enabled|url|keys?_ref|secret_name)$/;

/** Values that point at a credential instead of being one. */
function isReference(value: string): boolean {
  return (
    value === '' ||
    /^\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-?][^}]*)?\}$/.test(value) || // compose/env interpolation
    /^\$__(file|env)\{[^}]+\}$/.test(value) || // Grafana provisioning
    /^\$\{(env|file):[^}]+\}$/.test(value) || // OpenTelemetry collector (Jaeger v2) expansion
    /^(\/|\.\/)[^\s]*$/.test(value) // a mounted file
  );
}

/** Default or example credentials seen in guides; none may reach an output. */
const KNOWN_DEFAULTS = ['admin123', 'changeme', 'prom-operator'];

const TEXT_PATTERNS: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
  { pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@'"]+:[^\s/@'"$]+@/i, what: 'a password inside a URL' },
  { pattern: /hooks\.slack\.com\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+/, what: 'a Slack webhook token' },
  { pattern: /\bAKIA[0-9A-Z]{16}\b/, what: 'an AWS access key id' },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{36}\b/, what: 'a GitHub token' },
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/, what: 'a Slack token' },
];

export function normalizeKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
}

export function isSecretKey(key: string): boolean {
  const k = normalizeKey(key);
  return SECRET_KEY.test(k) && !REFERENCE_KEY.test(k);
}

/** Walks parsed YAML/JSON for secret-looking keys with literal values; `{name, value}` pairs count as keys. */
export function scanValue(value: unknown, location: { file: string; object?: string; base?: (string | number)[] }): Problem[] {
  const problems: Problem[] = [];
  const flag = (at: (string | number)[], key: string, literal: unknown) => {
    if (typeof literal === 'string' && isReference(literal)) return;
    if (typeof literal !== 'string' && typeof literal !== 'number') return;
    problems.push({ file: location.file, object: location.object, path: jsonPath(at), check: 'credentials', message: `"${key}" holds a literal value; reference a Secret, a mounted file or a variable instead` });
  };
  const walk = (node: unknown, at: (string | number)[]) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        // compose `environment:` list form: KEY=value
        if (typeof child === 'string') {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(child);
          if (m && isSecretKey(m[1])) flag([...at, i], m[1], m[2]);
        }
        walk(child, [...at, i]);
      });
      return;
    }
    if (!isObject(node)) return;
    if (typeof node.name === 'string' && 'value' in node && isSecretKey(node.name)) flag([...at, 'value'], node.name, node.value);
    for (const [key, child] of Object.entries(node)) {
      if (isSecretKey(key)) flag([...at, key], key, child);
      walk(child, [...at, key]);
    }
  };
  walk(value, location.base ?? []);
  return problems;
}

/** Text-level checks every file gets, whatever its format. */
export function scanText(text: string, file: string): Problem[] {
  const problems: Problem[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const where = { file, path: `line ${i + 1}` };
    for (const known of KNOWN_DEFAULTS) {
      if (new RegExp(`(^|[^A-Za-z0-9])${known}([^A-Za-z0-9]|$)`).test(line)) problems.push({ ...where, check: 'credentials', message: `contains the well-known credential "${known}"` });
    }
    for (const { pattern, what } of TEXT_PATTERNS) if (pattern.test(line)) problems.push({ ...where, check: 'credentials', message: `contains ${what}` });
    if (/[\w./-]:latest(?![\w.-])/.test(line)) problems.push({ ...where, check: 'image', message: 'refers to a "latest" tag; pin a version' });
  });
  return problems;
}
