/**
 * Reads an environment: a built-in name (dev, staging, prod) or a YAML file path. Each file is
 * checked against the schema on its own, so an error names the file that holds the key; then the
 * `extends` chain is merged, base first.
 */
import { refuseOpenBehindIngress, resolveAccess, resolveIngress } from './access-settings';
import { idleOperatorSettings, resolveOperatorSettings } from './operator-settings';
import { DEFAULT_KIBANA_URL, idleClusterSettings, resolveClusterSettings } from './cluster-settings';
import * as fs from 'fs';
import * as path from 'path';
import { ErrorObject, ValidateFunction } from 'ajv';
import * as yaml from 'js-yaml';
import { BUILTIN_ENVIRONMENTS_DIR } from '../paths';
import { whyNot, whyNotReplicas } from './component-schema';
import { checkConsistency } from './consistency';
import { Environment } from './environment';
import { ConfigError } from './errors';
import { checkEnvironmentName } from './environment-name';
import { FORMATS } from './formats';
import { Layer, sourceOf } from './layers';
import { deepMerge, isPlainObject } from './merge';
import { environmentFileValidator } from './precompiled-validator';
import { EnvironmentFile } from './schema';
import { isLoopback } from './values/address';
import { ConfigWarning } from './warnings';
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
  if (ref === '') throw new ConfigError('--env', '', `is empty: name a built-in environment (${builtinEnvironmentNames().join(', ')}) or a YAML file`);
  if (isPath(ref)) {
    const file = path.resolve(relativeTo, ref);
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      throw new ConfigError(file, '', 'is a directory: name an environment file (a .yaml file) in it');
    }
    return file;
  }
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
  checkConsistency(merged, layers);
  refuseIdleSettings(merged, layers);
  return resolveEnvironment(name, merged, layers, warningsOf(merged, layers));
}

/** Valid input that is probably not what was meant. */
function warningsOf(merged: EnvironmentFile, layers: readonly Layer[]): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  for (const layer of layers) {
    if (Object.keys(layer.content).length === 0) {
      warnings.push({ file: layer.file, line: 1, message: 'the environment file is empty: every setting takes its default (or its base\'s)' });
    }
  }
  const bind = merged.compose?.bindAddress;
  if (bind !== undefined && !isLoopback(bind)) {
    const s = sourceOf(layers, ['compose', 'bindAddress']);
    warnings.push({
      file: s?.file ?? layers[layers.length - 1].file,
      line: s?.line,
      keyPath: 'compose.bindAddress',
      message: `compose publishes Grafana, Prometheus, Alertmanager, Jaeger and Kibana on ${bind}, reachable from other hosts; 127.0.0.1 keeps them on this one`,
    });
  }
  return warnings;
}

/** A cluster setting for a component that is off changes nothing: named with the file and line that set it. */
function refuseIdleSettings(merged: EnvironmentFile, layers: readonly Layer[]): void {
  const enabled = (component: string) => (merged.components as Record<string, { enabled?: boolean } | undefined> | undefined)?.[component]?.enabled !== false;
  const [idle] = [...idleClusterSettings(merged.kubernetes, enabled), ...idleOperatorSettings(merged.operator, enabled)];
  if (!idle) return;
  // The last file that sets the key is the one to change.
  const setting = [...layers].reverse().find((l) => idle.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], l.content) !== undefined) ?? layers[layers.length - 1];
  const component = idle[0] === 'operator' ? String(merged.operator?.clusterExporters?.[Number(idle[2])]) : idle[1] === 'gpuExporter' ? 'gpu-exporter' : idle[2];
  throw new ConfigError(
    setting.file,
    idle.join('.'),
    `${component} is turned off in this environment (components.${component}.enabled: false), so this setting would change nothing; remove it or turn ${component} on`,
    lineOfKeyPath(fs.readFileSync(setting.file, 'utf8'), idle),
  );
}

function readChain(file: string, seen: string[]): Layer[] {
  if (seen.includes(file)) {
    throw new ConfigError(file, 'extends', `cycle: ${[...seen, file].map((f) => path.basename(f)).join(' → ')}`);
  }
  const { content, text } = readLayer(file);
  const base = content.extends !== undefined ? readChain(resolveRefFrom(content.extends, file, text), [...seen, file]) : [];
  return [...base, { file, text, content }];
}

/** The base an `extends:` names; a problem with it is reported at that line. */
function resolveRefFrom(ref: string, file: string, text: string): string {
  const line = lineOfKeyPath(text, ['extends']);
  let base: string;
  try {
    base = resolveRef(ref, path.dirname(file));
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(file, 'extends', e.detail, line);
    throw e;
  }
  if (!fs.existsSync(base)) throw new ConfigError(file, 'extends', `"${ref}" names no file (${base})`, line);
  if (!fs.statSync(base).isFile()) throw new ConfigError(file, 'extends', `"${ref}" is not a regular file (a device, a FIFO or a socket): name an environment file`, line);
  return base;
}

export function readEnvironmentFile(file: string): EnvironmentFile {
  return readLayer(file).content;
}

function readLayer(file: string): { content: EnvironmentFile; text: string } {
  // A device would be read for ever (/dev/zero) and a FIFO blocks the read: only a regular file is an environment.
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat && !stat.isFile() && !stat.isDirectory()) throw new ConfigError(file, '', 'is not a regular file (a device, a FIFO or a socket): name an environment file');
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
  return { content, text };
}

function toConfigError(file: string, text: string, error: ErrorObject): ConfigError {
  const segments = pointerSegments(error.instancePath);
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    const full = [...segments, key];
    const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
    // A setting other components take: say why this one does not.
    const why = segments.length === 2 && segments[0] === 'components' ? whyNot(String(segments[1]), key) : undefined;
    const detail = why
      ? `${segments[1]} does not take ${key}: ${why}; its keys: ${known.join(', ')}`
      : `unknown key${suggest(key, known)}; known keys here: ${known.join(', ')}`;
    return new ConfigError(file, keyPath(full), detail, lineOfKeyPath(text, full));
  }
  if (error.keyword === 'not' && segments[0] === 'components' && segments[2] === 'replicas') {
    const why = whyNotReplicas(String(segments[1]), Number(error.data));
    return new ConfigError(file, keyPath(segments), `${String(error.data)} copies of ${segments[1]} do not work: ${why ?? 'refused'}`, lineOfKeyPath(text, segments));
  }
  // A key name the schema refuses (propertyNames): the error is the key's, at its line.
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    const full = [...segments, propertyName];
    return new ConfigError(file, keyPath(full), `"${propertyName}" is not a name here (${(error.params as { pattern?: string }).pattern ? `expected to match ${(error.params as { pattern: string }).pattern}` : 'a name of letters and digits'})`, lineOfKeyPath(text, full));
  }
  return new ConfigError(file, keyPath(segments), describe(error), lineOfKeyPath(text, segments));
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'type':
      return `must be of type ${(error.params as { type: string }).type}`;
    case 'pattern':
      return `"${String(error.data)}" is not valid here (expected to match ${(error.params as { pattern: string }).pattern})`;
    case 'enum':
      return `"${String(error.data)}" is not one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    case 'format':
      return FORMATS[(error.params as { format: string }).format]?.(String(error.data)) ?? `"${String(error.data)}" is not valid here`;
    case 'propertyNames':
      return error.message ?? 'a key name is not valid here';
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

function resolveEnvironment(name: string, file: EnvironmentFile, layers: readonly Layer[], warnings: readonly ConfigWarning[]): Environment {
  const app = file.application ?? {};
  const extensions = layers.flatMap((l) => (l.content.extensions ?? []).map((e) => path.resolve(path.dirname(l.file), e)));
  const ingress = resolveIngress(file.ingress, layers);
  const access = resolveAccess(file.access);
  const running = (name: 'prometheus' | 'alertmanager') => (file.components as Record<string, { enabled?: boolean } | undefined> | undefined)?.[name]?.enabled !== false;
  refuseOpenBehindIngress(ingress, access.authentication, (['prometheus', 'alertmanager'] as const).filter(running).map((n) => (n === 'prometheus' ? 'Prometheus' : 'Alertmanager')), layers);
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
    kubernetes: resolveClusterSettings(file.kubernetes),
    // Behind the Ingress, Kibana's links point at its host there.
    publicUrls: { kibana: file.publicUrls?.kibana ?? (ingress ? `https://kibana.${ingress.domain}` : DEFAULT_KIBANA_URL) },
    access,
    ingress,
    operator: resolveOperatorSettings(file.operator, (component) => (file.components as Record<string, { enabled?: boolean } | undefined> | undefined)?.[component]?.enabled !== false),
    extensions: [...new Set(extensions)],
    sources: layers.map((l) => l.file),
    layers,
    warnings,
  };
}
