/**
 * Copies of generated configuration laid out for the host tools: the files a container would see
 * at its mount paths are written under a temp root, absolute paths in the config are rewritten into
 * it, and files the config only names (mounted secrets) get dummy contents.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { COMPOSE_FILE } from '../../src/render/compose/renderer';
import { toYaml } from '../../constructs/yaml';

/** Files a container sees in one mounted directory. */
export interface Mount {
  readonly containerPath: string;
  readonly files: ReadonlyMap<string, string>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

/** Keys holding globs (never dummied: they may match nothing) and keys holding single files. */
const GLOB_KEYS = new Set(['rule_files', 'templates']);
const isFileKey = (key: string) => /_files?$/.test(key) && !GLOB_KEYS.has(key);

/** Writes the mounts under root and returns the config with its absolute paths moved there. */
export function stageConfig(config: Doc, mounts: readonly Mount[], root: string): Doc {
  for (const mount of mounts) {
    for (const [file, contents] of mount.files) {
      const target = path.join(root, mount.containerPath, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, contents);
    }
  }
  const move = (p: string, dummy: boolean): string => {
    if (!path.isAbsolute(p)) return p;
    const moved = path.join(root, p);
    if (dummy && !fs.existsSync(moved)) {
      fs.mkdirSync(path.dirname(moved), { recursive: true });
      fs.writeFileSync(moved, 'dummy-value-for-validation\n');
    }
    return moved;
  };
  const walk = (node: Doc): Doc => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const out: Doc = {};
    for (const [key, value] of Object.entries(node)) {
      if (GLOB_KEYS.has(key) && Array.isArray(value)) out[key] = value.map((v) => (typeof v === 'string' ? move(v, false) : v));
      else if (isFileKey(key) && typeof value === 'string') out[key] = move(value, true);
      else if (isFileKey(key) && Array.isArray(value)) out[key] = value.map((v) => (typeof v === 'string' ? move(v, true) : v));
      else out[key] = walk(value);
    }
    return out;
  };
  return walk(config);
}

/** Debian's promtool has no Kubernetes service discovery: the same jobs with static targets. */
export function withStaticTargets(config: Doc): Doc {
  const swap = (job: Doc): Doc => {
    if (!job || typeof job !== 'object' || !('kubernetes_sd_configs' in job)) return job;
    const { kubernetes_sd_configs: _sd, ...rest } = job;
    void _sd;
    return { ...rest, static_configs: [{ targets: ['localhost:9090'] }] };
  };
  return {
    ...config,
    ...(config.scrape_configs ? { scrape_configs: config.scrape_configs.map(swap) } : {}),
    ...(config.alerting?.alertmanagers ? { alerting: { ...config.alerting, alertmanagers: config.alerting.alertmanagers.map(swap) } } : {}),
  };
}

export function writeYaml(file: string, doc: Doc): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, toYaml(doc));
  return file;
}

/** A config file of a compose stack, with the mounts of the service that reads it. */
export interface StagedSource {
  readonly name: string;
  readonly config: Doc;
  readonly mounts: Mount[];
}

function filesIn(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!fs.existsSync(dir)) return files;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) if (entry.isFile()) files.set(entry.name, fs.readFileSync(path.join(dir, entry.name), 'utf8'));
  return files;
}

/** Every config file named `fileName` in a compose output dir, with its service's bind mounts. */
export function composeSources(composeDir: string, fileName: string): StagedSource[] {
  const compose = yaml.load(fs.readFileSync(path.join(composeDir, COMPOSE_FILE), 'utf8')) as Doc;
  const sources: StagedSource[] = [];
  for (const [service, spec] of Object.entries<Doc>(compose.services)) {
    const mounts: Mount[] = [];
    let config: Doc;
    for (const volume of (spec.volumes ?? []) as string[]) {
      const [source, containerPath] = volume.split(':');
      if (!source.startsWith('./config/')) continue;
      const files = filesIn(path.join(composeDir, source));
      mounts.push({ containerPath, files });
      if (files.has(fileName)) config = yaml.load(files.get(fileName) as string);
    }
    if (config) sources.push({ name: `${service} ${fileName}`, config, mounts });
  }
  return sources;
}

/** Every ConfigMap key named `fileName` in Kubernetes manifests, with the ConfigMap mounts of the container that reads it. */
export function kubernetesSources(k8sDir: string, fileName: string): StagedSource[] {
  const docs: Doc[] = fs
    .readdirSync(k8sDir)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((f) => yaml.loadAll(fs.readFileSync(path.join(k8sDir, f), 'utf8')) as Doc[])
    .filter(Boolean);
  const configMaps = new Map<string, Doc>(docs.filter((d) => d.kind === 'ConfigMap').map((d) => [d.metadata.name, d]));
  const sources: StagedSource[] = [];
  for (const workload of docs.filter((d) => d.spec?.template?.spec)) {
    const pod = workload.spec.template.spec;
    const volumes = new Map<string, Doc>(((pod.volumes ?? []) as Doc[]).map((v) => [v.name, v]));
    for (const container of pod.containers as Doc[]) {
      const mounts: Mount[] = [];
      let config: Doc;
      for (const mount of (container.volumeMounts ?? []) as Doc[]) {
        const configMap = configMaps.get(volumes.get(mount.name)?.configMap?.name);
        if (!configMap) continue;
        const files = new Map<string, string>(Object.entries(configMap.data ?? {}));
        mounts.push({ containerPath: mount.mountPath, files });
        if (files.has(fileName)) config = yaml.load(files.get(fileName) as string);
      }
      if (config) sources.push({ name: `${workload.kind}/${workload.metadata.name} ${fileName}`, config, mounts });
    }
  }
  return sources;
}
