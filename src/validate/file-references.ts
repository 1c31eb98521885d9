/**
 * Files a configuration names by path (`routing_key_file`, `password_file`, `ca_file`) are there in the container that reads it: under one of its mounts, and for a mounted
 * ConfigMap, Secret or compose folder, as one of the files that mount provides.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { isObject, Manifest, Obj } from './output';
import { containersOf, podTemplates } from './pods';
import { jsonPath, Problem } from './problem';
import { UserSecret } from './kubernetes-references';

/** Keys holding one file path, and keys holding globs of files. */
const FILE_KEY = /(^|_)files?$/;
const GLOB_KEYS = new Set(['rule_files', 'templates']);
/** Where Kubernetes puts the service account token when it is mounted. */
const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

interface NamedPath {
  readonly at: (string | number)[];
  readonly file: string;
  readonly glob: boolean;
}

/** Absolute paths under file-ish keys in a parsed configuration. */
export function namedPaths(doc: unknown): NamedPath[] {
  const found: NamedPath[] = [];
  const walk = (node: unknown, at: (string | number)[]) => {
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, [...at, i]));
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const glob = GLOB_KEYS.has(key);
      if (glob || FILE_KEY.test(key)) {
        const values = Array.isArray(value) ? value : [value];
        values.forEach((v, i) => {
          if (typeof v === 'string' && v.startsWith('/')) found.push({ at: Array.isArray(value) ? [...at, key, i] : [...at, key], file: v, glob });
        });
      } else walk(value, [...at, key]);
    }
  };
  walk(doc, []);
  return found;
}

/** What a mount offers: any file (writable or opaque volumes), or exactly these names. */
interface Offered {
  readonly mountPath: string;
  readonly files?: ReadonlySet<string>;
  readonly what: string;
}

function covering(offers: readonly Offered[], file: string): Offered | undefined {
  return offers
    .filter((o) => file === o.mountPath || file.startsWith(`${o.mountPath.replace(/\/$/, '')}/`))
    .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
}

function problemFor(offers: readonly Offered[], named: NamedPath): string | undefined {
  // A glob may match nothing (compose mounts no rules folder for an environment without rules).
  if (named.glob) return undefined;
  const offer = covering(offers, named.file);
  if (!offer) return `names ${named.file}, which no mount of the container provides`;
  if (!offer.files) return undefined;
  const relative = named.file.slice(offer.mountPath.replace(/\/$/, '').length + 1);
  return offer.files.has(relative) ? undefined : `names ${named.file}, but ${offer.what} mounted at ${offer.mountPath} has no file "${relative}" (it has: ${[...offer.files].sort().join(', ') || 'nothing'})`;
}

export function checkKubernetesFileReferences(manifests: readonly Manifest[], userSecrets: readonly UserSecret[]): Problem[] {
  const problems: Problem[] = [];
  const byName = (kind: string, ns: string | undefined, name: string) => manifests.find((m) => m.doc.kind === kind && m.doc.metadata?.namespace === ns && m.doc.metadata?.name === name);
  for (const pod of podTemplates(manifests)) {
    const volumes = new Map<string, Obj>(((pod.spec.volumes ?? []) as Obj[]).map((v) => [v.name, v]));
    for (const { container } of containersOf(pod)) {
      const offers: Offered[] = [];
      const configs: { cm: Manifest; mountPath: string }[] = [];
      for (const mount of (container.volumeMounts ?? []) as Obj[]) {
        const volume = volumes.get(mount.name);
        const items = (source: Obj) => (Array.isArray(source.items) ? new Set<string>(source.items.map((i: Obj) => String(i.path))) : undefined);
        if (mount.subPath !== undefined) {
          offers.push({ mountPath: mount.mountPath, what: `volume ${mount.name}` });
        } else if (isObject(volume?.configMap)) {
          const cm = byName('ConfigMap', pod.namespace, volume.configMap.name);
          offers.push({ mountPath: mount.mountPath, files: items(volume.configMap) ?? new Set(Object.keys({ ...(cm?.doc.data ?? {}), ...(cm?.doc.binaryData ?? {}) })), what: `ConfigMap ${volume.configMap.name}` });
          if (cm) configs.push({ cm, mountPath: mount.mountPath });
        } else if (isObject(volume?.secret)) {
          const inOutput = byName('Secret', pod.namespace, volume.secret.secretName);
          const keys = inOutput ? Object.keys({ ...(inOutput.doc.data ?? {}), ...(inOutput.doc.stringData ?? {}) }) : userSecrets.filter((s) => s.secret === volume.secret.secretName).map((s) => s.key);
          offers.push({ mountPath: mount.mountPath, files: items(volume.secret) ?? new Set(keys), what: `Secret ${volume.secret.secretName}` });
        } else {
          offers.push({ mountPath: mount.mountPath, what: `volume ${mount.name}` });
        }
      }
      if (pod.spec.automountServiceAccountToken !== false) offers.push({ mountPath: SERVICE_ACCOUNT_DIR, files: new Set(['token', 'ca.crt', 'namespace']), what: 'the service account token' });
      for (const { cm, mountPath } of configs) {
        for (const [key, text] of Object.entries((cm.doc.data ?? {}) as Record<string, unknown>)) {
          if (typeof text !== 'string') continue;
          let doc: unknown;
          try {
            doc = yaml.load(text);
          } catch {
            continue;
          }
          for (const named of namedPaths(doc)) {
            const message = problemFor(offers, named);
            if (message) problems.push({ file: cm.file, object: cm.id, path: jsonPath(['data', key, ...named.at]), check: 'reference', message: `${message} (read by ${pod.manifest.id} container ${container.name} at ${mountPath}/${key})` });
          }
        }
      }
    }
  }
  return problems;
}

/** Compose: the same, with bind-mounted folders beside the compose file and user-provided ./secrets/<name>/ folders. */
export function checkComposeFileReferences(compose: Obj, composeDir: string, file: string, userSecrets: readonly UserSecret[]): Problem[] {
  const problems: Problem[] = [];
  for (const [name, service] of Object.entries((compose.services ?? {}) as Record<string, Obj>)) {
    const offers: Offered[] = [];
    const configs: { dir: string; mountPath: string }[] = [];
    for (const entry of [...((service.volumes ?? []) as unknown[]), ...((service.tmpfs ?? []) as unknown[]).map((t) => `tmpfs:${t}`)]) {
      if (typeof entry !== 'string') continue;
      const [source, target] = entry.split(':');
      if (target === undefined) continue;
      const secret = /^\.\/secrets\/([^/]+)\/?$/.exec(source);
      if (secret) {
        offers.push({ mountPath: target, files: new Set(userSecrets.filter((s) => s.secret === secret[1]).map((s) => s.key)), what: `./secrets/${secret[1]}` });
      } else if (source.startsWith('./') && fs.existsSync(path.join(composeDir, source)) && fs.statSync(path.join(composeDir, source)).isDirectory()) {
        offers.push({ mountPath: target, files: new Set(fs.readdirSync(path.join(composeDir, source))), what: source });
        configs.push({ dir: source, mountPath: target });
      } else {
        offers.push({ mountPath: target, what: source });
      }
    }
    for (const { dir, mountPath } of configs) {
      for (const entry of fs.readdirSync(path.join(composeDir, dir))) {
        const full = path.join(composeDir, dir, entry);
        if (!fs.statSync(full).isFile() || !/\.(ya?ml|json)$/.test(entry)) continue;
        let doc: unknown;
        try {
          doc = yaml.load(fs.readFileSync(full, 'utf8'));
        } catch {
          continue;
        }
        const configFile = `${path.dirname(file)}/${dir.replace(/^\.\//, '')}/${entry}`;
        for (const named of namedPaths(doc)) {
          const message = problemFor(offers, named);
          if (message) problems.push({ file: configFile, object: `service ${name}`, path: jsonPath(named.at), check: 'reference', message: `${message} (read at ${mountPath}/${entry})` });
        }
      }
    }
  }
  return problems;
}
