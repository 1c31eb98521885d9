/**
 * Reads an environment: a built-in name (dev, staging, prod) or a YAML file path. Each file is
 * checked against the schema on its own, so an error names the file that holds the key; then the
 * `extends` chain is merged, base first.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ErrorObject, ValidateFunction } from 'ajv';
import * as yaml from 'js-yaml';
import { BUILTIN_ENVIRONMENTS_DIR } from '../paths';
import { Environment } from './environment';
import { ConfigError } from './errors';
import { checkEnvironmentName } from './environment-name';
import { deepMerge, isPlainObject } from './merge';
import { environmentFileValidator } from './precompiled-validator';
import { EnvironmentFile } from './schema';
import { lineOfKeyPath } from './yaml-lines';
import { closest } from '../util/closest';
import { pointerSegments } from '../util/json-pointer';

let validateFile: ValidateFunction<EnvironmentFile> | undefined;

export function builtinEnvironmentNames(): string[] {
  return fs
    .readdirSync(BUILTIN_ENVIRONMENTS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** True when the argument names a file rather than a built-in environment. */
function isPath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || /\.ya?ml$/.test(ref);
}

function resolveRef(ref: string, relativeTo: string): string {
  if (isPath(ref)) return path.resolve(relativeTo, ref);
  const builtin = path.join(BUILTIN_ENVIRONMENTS_DIR, `${ref}.yaml`);
  if (!fs.existsSync(builtin)) {
    throw new ConfigError(ref, '', `no such environment; built-in ones are ${builtinEnvironmentNames().join(', ')}, or give a path to a YAML file`);
  }
  return builtin;
}

export function loadEnvironment(ref: string, cwd = process.cwd()): Environment {
  const file = resolveRef(ref, cwd);
  const name = isPath(ref) ? path.basename(file).replace(/\.ya?ml$/, '') : ref;
  checkEnvironmentName(name, file);
  const layers = readChain(file, []);
  const merged = layers.reduce<EnvironmentFile>((acc, layer) => deepMerge(acc, withoutExtends(layer.content)), {});
  return resolveEnvironment(name, merged, layers);
}

interface Layer {
  readonly file: string;
  readonly content: EnvironmentFile;
}

function readChain(file: string, seen: string[]): Layer[] {
  if (seen.includes(file)) {
    throw new ConfigError(file, 'extends', `cycle: ${[...seen, file].map((f) => path.basename(f)).join(' → ')}`);
  }
  const content = readEnvironmentFile(file);
  const base = content.extends ? readChain(resolveRefFrom(content.extends, file), [...seen, file]) : [];
  return [...base, { file, content }];
}

function resolveRefFrom(ref: string, file: string): string {
  try {
    return resolveRef(ref, path.dirname(file));
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(file, 'extends', e.detail, lineOfKeyPath(fs.readFileSync(file, 'utf8'), ['extends']));
    throw e;
  }
}

export function readEnvironmentFile(file: string): EnvironmentFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, '', `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let content: unknown;
  try {
    content = yaml.load(text, { filename: file, schema: yaml.CORE_SCHEMA });
  } catch (e) {
    if (e instanceof yaml.YAMLException) {
      throw new ConfigError(file, '', `invalid YAML: ${e.reason}`, e.mark ? e.mark.line + 1 : undefined);
    }
    throw e;
  }
  if (content === undefined || content === null) content = {};
  if (!isPlainObject(content)) throw new ConfigError(file, '', 'an environment file must be a mapping of keys to values', 1);
  validateFile ??= environmentFileValidator();
  if (!validateFile(content)) {
    const first = (validateFile.errors ?? [])[0];
    throw toConfigError(file, text, first);
  }
  return content;
}

function toConfigError(file: string, text: string, error: ErrorObject): ConfigError {
  const segments = pointerSegments(error.instancePath);
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    const full = [...segments, key];
    const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
    return new ConfigError(file, keyPath(full), `unknown key${suggest(key, known)}; known keys here: ${known.join(', ')}`, lineOfKeyPath(text, full));
  }
  return new ConfigError(file, keyPath(segments), describe(error), lineOfKeyPath(text, segments));
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'type':
      return `must be of type ${(error.params as { type: string }).type}`;
    case 'pattern':
      return `"${String(error.data)}" is not valid here (expected to match ${(error.params as { pattern: string }).pattern})`;
    case 'not':
      return `"${String(error.data)}" is not allowed here (a tag must be pinned, never latest)`;
    default:
      return error.message ?? error.keyword;
  }
}

function keyPath(segments: readonly (string | number)[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function suggest(key: string, known: readonly string[]): string {
  const close = closest(key, known);
  return close ? ` (did you mean "${close}"?)` : '';
}

function withoutExtends(content: EnvironmentFile): EnvironmentFile {
  const { extends: _ignored, ...rest } = content;
  return rest;
}

const DEFAULTS = {
  description: '',
  namespace: 'monitoring',
  runbookBaseUrl: 'https://runbooks.dgfrl.example/monitoring',
  bindAddress: '127.0.0.1',
  job: 'dynamic-graph-fed-rl',
  metricsPath: '/metrics',
  composeTargets: ['host.docker.internal:8000'],
  redis: 'redis:6379',
  postgres: { address: 'postgres:5432', database: 'dgfrl', sslmode: 'disable', exporterUser: 'postgres_exporter' },
} as const;

function resolveEnvironment(name: string, file: EnvironmentFile, layers: readonly Layer[]): Environment {
  const app = file.application ?? {};
  const extensions = layers.flatMap((l) => (l.content.extensions ?? []).map((e) => path.resolve(path.dirname(l.file), e)));
  return {
    name,
    description: file.description ?? DEFAULTS.description,
    namespace: file.namespace ?? DEFAULTS.namespace,
    runbookBaseUrl: file.runbookBaseUrl ?? DEFAULTS.runbookBaseUrl,
    bindAddress: file.compose?.bindAddress ?? DEFAULTS.bindAddress,
    application: {
      job: app.job ?? DEFAULTS.job,
      metricsPath: app.metricsPath ?? DEFAULTS.metricsPath,
      composeTargets: app.composeTargets ?? DEFAULTS.composeTargets,
      redis: { address: app.redis?.address ?? DEFAULTS.redis, composeAddress: app.redis?.composeAddress ?? app.redis?.address ?? DEFAULTS.redis },
      postgres: {
        ...DEFAULTS.postgres,
        ...app.postgres,
        composeAddress: app.postgres?.composeAddress ?? app.postgres?.address ?? DEFAULTS.postgres.address,
      },
    },
    components: file.components ?? {},
    alerting: { rules: file.alerting?.rules ?? {}, routing: file.alerting?.routing ?? {} },
    tracing: { storage: file.tracing?.storage ?? 'memory' },
    extensions: [...new Set(extensions)],
    sources: layers.map((l) => l.file),
  };
}
