/**
 * Rendered output held against the image facts (constructs/images.ts): every command a container, init
 * container, exec probe or compose healthcheck runs must name programs its image has; the user a
 * container runs as must be the image's own; every path the program writes must be a writable volume
 * where the root filesystem is read-only. A fact changed in the records (a tool removed) turns into a
 * problem here, which the tests assert for every built-in environment.
 */
import * as yaml from 'js-yaml';
import { ImageFacts, imageRepository, toolProblems } from '../../constructs';
import { RenderedFiles } from '../render/output';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

export type FactsTable = Readonly<Record<string, ImageFacts>>;

function factsFor(table: FactsTable, image: string): ImageFacts | undefined {
  const repository = imageRepository(image);
  return Object.values(table).find((f) => imageRepository(f.image) === repository);
}

const POD_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Problems of Kubernetes manifests (file → YAML text) against the facts. */
export function kubernetesFactProblems(files: RenderedFiles, table: FactsTable): string[] {
  const problems: string[] = [];
  for (const [file, text] of files) {
    for (const doc of yaml.loadAll(text) as Obj[]) {
      const at = doc && POD_PATHS[doc.kind];
      if (!at) continue;
      const pod = at.reduce<Obj | undefined>((o, key) => o?.[key], doc);
      const containers = [...((pod?.initContainers ?? []) as Obj[]).map((c) => ({ c, init: true })), ...((pod?.containers ?? []) as Obj[]).map((c) => ({ c, init: false }))];
      for (const { c: container, init } of containers) {
        const where = `${file} ${doc.kind}/${doc.metadata.name} container ${container.name}`;
        const facts = factsFor(table, container.image);
        if (!facts) {
          problems.push(`${where}: no facts recorded for ${container.image}`);
          continue;
        }
        if (container.command) problems.push(...toolProblems(facts, container.command, `${where} command`));
        for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
          const exec = container[probe]?.exec?.command;
          if (exec) problems.push(...toolProblems(facts, exec, `${where} ${probe}`));
        }
        const security = container.securityContext ?? {};
        if (facts.user !== 'root' && security.runAsUser !== undefined && security.runAsUser !== 0 && security.runAsUser !== facts.user.uid) {
          problems.push(`${where}: runs as uid ${security.runAsUser}, but ${facts.image} owns its files as uid ${facts.user.uid}`);
        }
        // An init container runs a step of its own (a wait, an API call), not the image's program.
        if (security.readOnlyRootFilesystem === true && !init) {
          const writable = ((container.volumeMounts ?? []) as Obj[]).filter((m) => m.readOnly !== true).map((m) => m.mountPath as string);
          for (const path of facts.writes) {
            if (!writable.some((mount) => path === mount || path.startsWith(`${mount}/`))) {
              problems.push(`${where}: ${facts.image} writes ${path}, which is on the read-only root filesystem (no writable volume there)`);
            }
          }
        }
      }
    }
  }
  return problems;
}

/** Problems of a compose file (its YAML text) against the facts. */
export function composeFactProblems(composeText: string, table: FactsTable): string[] {
  const problems: string[] = [];
  const services = ((yaml.load(composeText) as Obj).services ?? {}) as Record<string, Obj>;
  for (const [name, service] of Object.entries(services)) {
    const where = `compose service ${name}`;
    const facts = factsFor(table, service.image);
    if (!facts) {
      problems.push(`${where}: no facts recorded for ${service.image}`);
      continue;
    }
    // `$$` is compose's literal dollar: the container sees `$`.
    const unescape = (words: readonly string[]) => words.map((w) => String(w).replace(/\$\$/g, '$'));
    if (Array.isArray(service.entrypoint)) problems.push(...toolProblems(facts, unescape(service.entrypoint), `${where} entrypoint`));
    const test = service.healthcheck?.test;
    if (Array.isArray(test) && test[0] === 'CMD') problems.push(...toolProblems(facts, unescape(test.slice(1)), `${where} healthcheck`));
    if (Array.isArray(test) && test[0] === 'CMD-SHELL') problems.push(...toolProblems(facts, ['sh', '-c', ...unescape(test.slice(1))], `${where} healthcheck`));
    const user = typeof service.user === 'string' ? Number(service.user.split(':')[0]) : undefined;
    if (facts.user !== 'root' && user !== undefined && user !== 0 && user !== facts.user.uid) {
      problems.push(`${where}: runs as uid ${user}, but ${facts.image} owns its files as uid ${facts.user.uid}`);
    }
    // A run-once step (restart: no) calls an API; it does not run the image's program.
    if (service.read_only === true && service.restart !== 'no') {
      const writable = [
        ...((service.volumes ?? []) as string[]).filter((v) => !v.endsWith(':ro')).map((v) => v.split(':')[1]),
        ...((service.tmpfs ?? []) as string[]).map((t) => t.split(':')[0]),
      ];
      for (const path of facts.writes) {
        if (!writable.some((mount) => path === mount || path.startsWith(`${mount}/`))) {
          problems.push(`${where}: ${facts.image} writes ${path}, which is on the read-only root filesystem (no volume or tmpfs there)`);
        }
      }
    }
  }
  return problems;
}
