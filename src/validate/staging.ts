/**
 * Configuration of an output laid out for the host tools: the files a container would see at its
 * mount paths are written under a temporary root, absolute paths in the config are moved into it,
 * and files the config only names (mounted secrets) get placeholder contents, never real credentials.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { toYaml } from '../../constructs/yaml';
import { composeFileIn, isObject, listFiles, loadManifests, Obj, OutputKind } from './output';
import { containersOf, podTemplates } from './pods';
import { jsonPath } from './problem';
import { isRuleFile } from './rules';

/** Where a file of the output is: the file, and for a ConfigMap entry the object and key. */
export interface Location {
  readonly file: string;
  readonly object?: string;
  readonly path?: string;
}

export function describeLocation(l: Location): string {
  return [l.file, l.object, l.path].filter(Boolean).join(' ');
}

/** Files a container sees in one mounted directory, with where each comes from in the output. */
export interface Mount {
  readonly containerPath: string;
  readonly files: ReadonlyMap<string, string>;
  readonly locations?: ReadonlyMap<string, Location>;
}

/** A config file of the output, with the mounts of the container that reads it. */
export interface StagedSource {
  readonly name: string;
  readonly location: Location;
  /** The directory the container sees the config file in. */
  readonly containerDir: string;
  /** The parsed config; undefined when it is not a YAML mapping (then `text` goes to the tool as it is). */
  readonly config: Obj | undefined;
  readonly text: string;
  readonly mounts: Mount[];
}

/** What a placeholder secret file holds: enough for a tool to find it, nothing anyone could use. */
export const PLACEHOLDER_SECRET = 'placeholder-for-validation\n';

/** Keys holding globs (never given placeholders: they may match nothing) and keys holding single files. */
const GLOB_KEYS = new Set(['rule_files', 'templates']);
const isFileKey = (key: string) => /_files?$/.test(key) && !GLOB_KEYS.has(key);

/**
 * Where a container path lands under the staging root. `..` stops at the container's root, so no
 * path an output names can reach outside the staging directory.
 */
export function stagedPath(root: string, ...containerPath: string[]): string {
  return path.join(root, path.posix.resolve('/', ...containerPath));
}

/**
 * Writes the mounts under root and returns the config with its paths moved there. A relative path is
 * taken from `configDir`, the directory the config is mounted in, as the tool in the container would.
 */
export function stageConfig(config: Obj, mounts: readonly Mount[], root: string, configDir = '/'): Obj {
  for (const mount of mounts) {
    for (const [file, contents] of mount.files) {
      const target = stagedPath(root, mount.containerPath, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, contents);
    }
  }
  const move = (p: string, placeholder: boolean): string => {
    if (p === '') return p;
    const moved = stagedPath(root, configDir, p);
    if (placeholder && !fs.existsSync(moved)) {
      fs.mkdirSync(path.dirname(moved), { recursive: true });
      fs.writeFileSync(moved, PLACEHOLDER_SECRET);
    }
    return moved;
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    const out: Obj = {};
    for (const [key, value] of Object.entries(node)) {
      if (GLOB_KEYS.has(key) && Array.isArray(value)) out[key] = value.map((v) => (typeof v === 'string' ? move(v, false) : v));
      else if (isFileKey(key) && typeof value === 'string') out[key] = move(value, true);
      else if (isFileKey(key) && Array.isArray(value)) out[key] = value.map((v) => (typeof v === 'string' ? move(v, true) : v));
      else out[key] = walk(value);
    }
    return out;
  };
  return walk(config) as Obj;
}

/** The same jobs with static targets, for a promtool built without Kubernetes discovery (Debian's). */
export function withStaticTargets(config: Obj): Obj {
  const swap = (job: unknown): unknown => {
    if (!isObject(job) || !('kubernetes_sd_configs' in job)) return job;
    const { kubernetes_sd_configs: _sd, ...rest } = job;
    void _sd;
    return { ...rest, static_configs: [{ targets: ['localhost:9090'] }] };
  };
  return {
    ...config,
    ...(Array.isArray(config.scrape_configs) ? { scrape_configs: config.scrape_configs.map(swap) } : {}),
    ...(Array.isArray(config.alerting?.alertmanagers) ? { alerting: { ...config.alerting, alertmanagers: config.alerting.alertmanagers.map(swap) } } : {}),
  };
}

/** A stand-in URL where a webhook reads its URL from a file: no credential is read, and it is plainly no real endpoint. */
export const WEBHOOK_URL_STAND_IN = 'https://url-file.invalid/';

/**
 * The same receivers with each webhook's `url_file` as a stand-in `url`, for an amtool older than 0.26
 * (Debian's 0.25), which has no `url_file` on webhook_configs and refuses the key.
 */
export function withWebhookUrls(config: Obj): Obj {
  const swap = (webhook: unknown): unknown => {
    if (!isObject(webhook) || !('url_file' in webhook)) return webhook;
    const { url_file: _file, ...rest } = webhook;
    void _file;
    return { ...rest, url: WEBHOOK_URL_STAND_IN };
  };
  const receiver = (r: unknown): unknown => (isObject(r) && Array.isArray(r.webhook_configs) ? { ...r, webhook_configs: r.webhook_configs.map(swap) } : r);
  return Array.isArray(config.receivers) ? { ...config, receivers: config.receivers.map(receiver) } : config;
}

/**
 * An older tool refuses a field the generated configuration uses (promtool without Kubernetes discovery,
 * amtool before webhook `url_file`): the check is run again on a rewritten copy, and the report says so.
 */
export interface OlderToolFallback {
  /** What the tool says when it is the older one. */
  readonly refusal: RegExp;
  readonly rewrite: (config: Obj) => Obj;
  readonly note: string;
}

export const STATIC_TARGETS_FALLBACK: OlderToolFallback = {
  refusal: /field kubernetes_sd_configs not found/,
  rewrite: withStaticTargets,
  note: 'Kubernetes discovery checked as static targets: this promtool is built without it',
};

export const WEBHOOK_URL_FALLBACK: OlderToolFallback = {
  refusal: /field url_file not found/,
  rewrite: withWebhookUrls,
  note: `webhook url_file checked as a stand-in url (${WEBHOOK_URL_STAND_IN}): this amtool predates url_file (Alertmanager 0.26)`,
};

export function writeYaml(file: string, doc: unknown): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, toYaml(doc));
  return file;
}

function parsed(text: string): unknown {
  try {
    return yaml.load(text);
  } catch {
    return undefined;
  }
}

function asMapping(text: string): Obj | undefined {
  const doc = parsed(text);
  return isObject(doc) ? doc : undefined;
}

/** Every file of one compose config folder, with its location. */
function composeFolder(composeDir: string, folder: string, label: string): { files: Map<string, string>; locations: Map<string, Location> } {
  const files = new Map<string, string>();
  const locations = new Map<string, Location>();
  const dir = path.join(composeDir, folder);
  // A folder linked to somewhere else on the host is not the output's to hand to the tools.
  const inside = (d: string) => fs.realpathSync(d).startsWith(`${fs.realpathSync(composeDir)}${path.sep}`);
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory() && inside(dir)) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      files.set(entry.name, fs.readFileSync(path.join(dir, entry.name), 'utf8'));
      locations.set(entry.name, { file: `${label}/${path.posix.join(folder, entry.name)}` });
    }
  }
  return { files, locations };
}

/** Every config file named `fileName` in a compose output dir, with its service's `./config/` bind mounts. */
export function composeSources(composeDir: string, fileName: string, label = path.basename(composeDir)): StagedSource[] {
  const composeFile = composeFileIn(composeDir);
  if (!composeFile) return [];
  const compose = parsed(fs.readFileSync(path.join(composeDir, composeFile), 'utf8'));
  if (!isObject(compose) || !isObject(compose.services)) return [];
  const sources: StagedSource[] = [];
  for (const [service, spec] of Object.entries(compose.services)) {
    const mounts: Mount[] = [];
    let found: Omit<StagedSource, 'name' | 'mounts'> | undefined;
    for (const volume of (isObject(spec) && Array.isArray(spec.volumes) ? spec.volumes : []) as unknown[]) {
      if (typeof volume !== 'string') continue;
      const [source, containerPath] = volume.split(':');
      const folder = path.posix.normalize(source);
      // Only the output's own config folders: `./config/../..` reaches outside it.
      if (!folder.startsWith('config/') || !containerPath) continue;
      const { files, locations } = composeFolder(composeDir, folder, label);
      mounts.push({ containerPath, files, locations });
      const text = files.get(fileName);
      if (text !== undefined) found = { config: asMapping(text), text, location: locations.get(fileName) as Location, containerDir: containerPath };
    }
    if (found) sources.push({ name: `${service} ${fileName}`, ...found, mounts });
  }
  return sources;
}

/** Every ConfigMap key named `fileName` in Kubernetes manifests, with the ConfigMap mounts of the container that reads it. */
export function kubernetesSources(k8sDir: string, fileName: string, label = path.basename(k8sDir)): StagedSource[] {
  const manifests = loadManifests(k8sDir, label, []);
  const configMaps = new Map(manifests.filter((m) => m.doc.kind === 'ConfigMap' && isObject(m.doc.data)).map((m) => [m.doc.metadata?.name as string, m]));
  const sources: StagedSource[] = [];
  for (const pod of podTemplates(manifests)) {
    const volumes = new Map<string, Obj>(((pod.spec.volumes ?? []) as Obj[]).filter(isObject).map((v) => [v.name, v]));
    for (const { container } of containersOf(pod)) {
      const mounts: Mount[] = [];
      let found: Omit<StagedSource, 'name' | 'mounts'> | undefined;
      for (const mount of (Array.isArray(container.volumeMounts) ? container.volumeMounts : []) as Obj[]) {
        const configMap = configMaps.get(volumes.get(mount.name)?.configMap?.name);
        if (!configMap || typeof mount.mountPath !== 'string') continue;
        const data = Object.entries(configMap.doc.data as Obj).filter((e): e is [string, string] => typeof e[1] === 'string');
        const files = new Map(data);
        const locations = new Map(data.map(([key]) => [key, { file: configMap.file, object: configMap.id, path: jsonPath(['data', key]) }]));
        mounts.push({ containerPath: mount.mountPath, files, locations });
        const text = files.get(fileName);
        if (text !== undefined) found = { config: asMapping(text), text, location: locations.get(fileName) as Location, containerDir: mount.mountPath };
      }
      if (found) sources.push({ name: `${pod.manifest.id} ${fileName}`, ...found, mounts });
    }
  }
  return sources;
}

/** Files holding Prometheus rule groups: compose config files, or ConfigMap entries. */
export function ruleFilesOf(dir: string, kind: OutputKind, label = path.basename(dir)): { location: Location; text: string }[] {
  if (kind === 'compose') {
    return listFiles(dir)
      .filter((rel) => rel.startsWith('config/') && /\.ya?ml$/.test(rel))
      .map((rel) => ({ location: { file: `${label}/${rel}` }, text: fs.readFileSync(path.join(dir, rel), 'utf8') }))
      .filter((f) => isRuleFile(parsed(f.text)));
  }
  return loadManifests(dir, label, [])
    .filter((m) => m.doc.kind === 'ConfigMap' && isObject(m.doc.data))
    .flatMap((m) =>
      Object.entries(m.doc.data as Obj)
        .filter((e): e is [string, string] => typeof e[1] === 'string' && isRuleFile(parsed(e[1])))
        .map(([key, text]) => ({ location: { file: m.file, object: m.id, path: jsonPath(['data', key]) }, text })),
    );
}
