/**
 * Only one-shot setup steps act as Elasticsearch's superuser `elastic`: no long-running container may
 * name that user or read its password, in its environment, its command or the configuration files
 * mounted into it. Elasticsearch itself is the exception: it reads the password once, as its bootstrap
 * password, and names no user.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ELASTIC_PASSWORD, ELASTICSEARCH_SERVICE } from '../../constructs';
import { composeVariable } from '../render/compose/renderer';
import { isObject, Manifest, Obj } from './output';
import { containersOf, podTemplates } from './pods';
import { jsonPath, Problem } from './problem';

const CHECK = 'elastic-user';

/**
 * The word `elastic` on its own, as a user name is written (`user => "elastic"`, `-u elastic:…`,
 * `ES_USERNAME=elastic`): not part of `elasticsearch`, `docker.elastic.co` or `ELASTIC_PASSWORD`.
 */
const SUPERUSER_WORD = /(^|[^A-Za-z0-9_.-])elastic(?![A-Za-z0-9_.-])/;

function namesSuperuser(text: string): boolean {
  return SUPERUSER_WORD.test(text);
}

/** The lines of a text that name the superuser, numbered from 1. */
function superuserLines(text: string): number[] {
  return text.split('\n').flatMap((line, i) => (namesSuperuser(line) ? [i + 1] : []));
}

function strings(node: unknown, at: (string | number)[], found: { at: (string | number)[]; text: string }[] = []) {
  if (typeof node === 'string') found.push({ at, text: node });
  else if (Array.isArray(node)) node.forEach((child, i) => strings(child, [...at, i], found));
  else if (isObject(node)) for (const [key, child] of Object.entries(node)) strings(child, [...at, key], found);
  return found;
}

/** Long-running containers of Kubernetes workloads (not init containers) and the ConfigMaps they mount. */
export function checkElasticSuperuserKubernetes(manifests: readonly Manifest[]): Problem[] {
  const problems: Problem[] = [];
  const configMaps = new Map(manifests.filter((m) => m.doc.kind === 'ConfigMap').map((m) => [m.doc.metadata?.name as string, m]));
  for (const pod of podTemplates(manifests)) {
    const server = pod.labels['app.kubernetes.io/name'] === ELASTICSEARCH_SERVICE;
    const volumes = new Map(((pod.spec.volumes ?? []) as Obj[]).map((v) => [v.name as string, v]));
    for (const { container, at } of containersOf(pod).filter((c) => c.at.includes('containers'))) {
      const where = { file: pod.manifest.file, object: pod.manifest.id };
      const { env, ...rest } = container;
      ((env ?? []) as Obj[]).forEach((variable, i) => {
        const ref = variable.valueFrom?.secretKeyRef;
        if (ref?.name === ELASTIC_PASSWORD.secret && ref?.key === ELASTIC_PASSWORD.key && !server) {
          problems.push({ ...where, path: jsonPath([...at, 'env', i]), check: CHECK, message: `container ${container.name} reads the password of the superuser elastic; only setup steps may` });
        }
        if (typeof variable.value === 'string' && namesSuperuser(variable.value)) {
          problems.push({ ...where, path: jsonPath([...at, 'env', i, 'value']), check: CHECK, message: `container ${container.name} names the superuser elastic; give it a user of its own` });
        }
      });
      for (const { at: inner, text } of strings({ command: rest.command, args: rest.args, livenessProbe: rest.livenessProbe, readinessProbe: rest.readinessProbe, startupProbe: rest.startupProbe }, at)) {
        if (namesSuperuser(text)) problems.push({ ...where, path: jsonPath(inner), check: CHECK, message: `container ${container.name} names the superuser elastic; give it a user of its own` });
      }
      for (const mount of (container.volumeMounts ?? []) as Obj[]) {
        const configMap = configMaps.get(volumes.get(mount.name)?.configMap?.name);
        if (!configMap || !isObject(configMap.doc.data)) continue;
        for (const [key, text] of Object.entries(configMap.doc.data)) {
          if (typeof text !== 'string') continue;
          for (const line of superuserLines(text)) {
            problems.push({ file: configMap.file, object: configMap.id, path: `.data[${JSON.stringify(key)}] line ${line}`, check: CHECK, message: `mounted into ${pod.manifest.id} container ${container.name}, it names the superuser elastic; give that client a user of its own` });
          }
        }
      }
    }
  }
  return problems;
}

/** Compose services that keep running (not run-once setup steps) and the files they bind-mount from the output. */
export function checkElasticSuperuserCompose(compose: Obj, file: string, dir: string): Problem[] {
  const problems: Problem[] = [];
  const passwordVariable = composeVariable(ELASTIC_PASSWORD);
  const services = isObject(compose.services) ? compose.services : {};
  for (const [name, service] of Object.entries(services)) {
    if (!isObject(service) || service.restart === 'no') continue;
    const where = { file, object: `service ${name}` };
    const { volumes, image, ...rest } = service;
    void image;
    for (const { at, text } of strings(rest, ['services', name])) {
      if (text.includes(`\${${passwordVariable}`) && name !== ELASTICSEARCH_SERVICE) {
        problems.push({ ...where, path: jsonPath(at), check: CHECK, message: `reads the password of the superuser elastic (${passwordVariable}); only setup steps may` });
      }
      if (namesSuperuser(text)) problems.push({ ...where, path: jsonPath(at), check: CHECK, message: 'names the superuser elastic; give it a user of its own' });
    }
    for (const volume of Array.isArray(volumes) ? volumes : []) {
      if (typeof volume !== 'string' || !volume.startsWith('./')) continue;
      const source = path.join(dir, volume.split(':')[0]);
      for (const rel of filesBelow(source)) {
        const text = fs.readFileSync(path.join(source, rel), 'utf8');
        const shown = path.posix.join(path.dirname(file), volume.split(':')[0], rel);
        for (const line of superuserLines(text)) {
          problems.push({ file: shown, path: `line ${line}`, check: CHECK, message: `mounted into service ${name}, it names the superuser elastic; give that client a user of its own` });
        }
      }
    }
  }
  return problems;
}

function filesBelow(source: string): string[] {
  if (!fs.existsSync(source)) return [];
  if (!fs.statSync(source).isDirectory()) return [''];
  return fs.readdirSync(source, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesBelow(path.join(source, entry.name)).map((rel) => path.join(entry.name, rel)) : [entry.name],
  );
}
