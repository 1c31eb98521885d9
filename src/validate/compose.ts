/**
 * Compose stacks: the same baseline as Kubernetes (non-root user, read-only root, no capabilities,
 * no-new-privileges, limits, a pinned image), a healthcheck on every service that probes a port
 * the service listens on, ports published on the bind address only, and every bind-mounted file
 * present beside the compose file. Waivers: the `x-monstack-exceptions` list a service carries.
 */
import * as fs from 'fs';
import * as path from 'path';
import { imageProblem } from './images';
import { isObject, Obj } from './output';
import { jsonPath, Problem } from './problem';
import { EXCEPTIONS_FIELD } from '../render/compose/renderer';

export interface ComposeCheckOptions {
  /** Host address every published port must bind to. */
  readonly bindAddress: string;
  /** Secret names whose files the user provides under ./secrets/<name>/. */
  readonly userSecretNames: ReadonlySet<string>;
}

interface Port {
  readonly hostIp?: string;
  readonly published?: string;
  readonly target: string;
  readonly protocol: string;
}

/** `127.0.0.1:9090:9090/udp`, `9090:9090`, `9090`, `[::1]:80:80`, or the long form. */
export function parsePort(entry: unknown): Port | undefined {
  if (isObject(entry)) return { hostIp: entry.host_ip, published: entry.published === undefined ? undefined : String(entry.published), target: String(entry.target), protocol: entry.protocol ?? 'tcp' };
  if (typeof entry !== 'string' && typeof entry !== 'number') return undefined;
  const [spec, protocol = 'tcp'] = String(entry).split('/');
  const m = /^(?:(\[[^\]]+\]|[^:]+):)??(?:([^:]*):)?([^:]+)$/.exec(spec);
  if (!m) return undefined;
  return { hostIp: m[1]?.replace(/^\[|\]$/g, ''), published: m[2], target: m[3], protocol };
}

/** The ports a service listens on: `expose` and the container side of `ports`. */
function listeningPorts(service: Obj): Set<string> {
  const ports = new Set<string>();
  for (const e of (service.expose ?? []) as unknown[]) ports.add(String(e).split('/')[0]);
  for (const e of (service.ports ?? []) as unknown[]) {
    const p = parsePort(e);
    if (p) ports.add(p.target);
  }
  return ports;
}

/** The port a healthcheck command talks to on the container itself, if it names one. */
export function healthcheckPort(test: unknown): string | undefined {
  const words = Array.isArray(test) ? test.map(String) : typeof test === 'string' ? [test] : [];
  for (const word of words) {
    const m = /\b(?:127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1\]):(\d+)\b/.exec(word);
    if (m) return m[1];
  }
  return undefined;
}

/** Short-form volume: `./config/x:/etc/x:ro` → source and target; named volumes have no path. */
function bindSource(entry: unknown): string | undefined {
  if (isObject(entry)) return entry.type === 'bind' ? String(entry.source) : undefined;
  if (typeof entry !== 'string') return undefined;
  const source = entry.split(':')[0];
  return source.startsWith('.') || source.startsWith('/') || source.startsWith('~') ? source : undefined;
}

function isRootUser(user: string): boolean {
  const name = user.split(':')[0];
  return name === '0' || name === 'root';
}

/** Services others wait for to finish (`service_completed_successfully`): one-shot jobs, not long-running. */
export function oneShotServices(services: Obj): Set<string> {
  const jobs = new Set<string>();
  for (const service of Object.values(services)) {
    if (!isObject(service) || !isObject(service.depends_on)) continue;
    for (const [dependency, wait] of Object.entries(service.depends_on)) if (isObject(wait) && wait.condition === 'service_completed_successfully') jobs.add(dependency);
  }
  return jobs;
}

export function checkComposeService(name: string, service: Obj, file: string, composeDir: string, options: ComposeCheckOptions, oneShot = false): Problem[] {
  const problems: Problem[] = [];
  const rawWaivers = service[EXCEPTIONS_FIELD];
  const waived = new Set<string>(Array.isArray(rawWaivers) ? rawWaivers.map(String) : []);
  const object = `service ${name}`;
  const at = (...segments: (string | number)[]) => jsonPath(['services', name, ...segments]);
  const fail = (check: string, where: string, message: string, kind = 'security') => {
    if (!waived.has(check)) problems.push({ file, object, path: where, check: kind, message: `${message} (check ${check}${kind === 'security' ? '; waive only with a stated privilege' : ''})` });
  };
  const privileged = service.privileged === true;

  const image = imageProblem(service.image);
  if (image) fail('image', at('image'), image);
  if (service.user === undefined) fail('runAsNonRoot', at('user'), 'sets no user: the image default may be root');
  else if (isRootUser(String(service.user))) fail('runAsNonRoot', at('user'), `runs as root (${service.user})`);
  if (service.read_only !== true) fail('readOnlyRootFilesystem', at('read_only'), 'root filesystem must be read-only (read_only: true)');
  if (privileged) fail('privileged', at('privileged'), 'runs privileged');
  const capDrop = (service.cap_drop ?? []) as string[];
  if (!capDrop.includes('ALL')) fail(privileged ? 'privileged' : 'capabilities', at('cap_drop'), 'must drop ALL capabilities');
  if (Array.isArray(service.cap_add) && service.cap_add.length > 0) fail('capabilities', at('cap_add'), `adds capabilities ${service.cap_add.join(', ')}`);
  const securityOpt = ((service.security_opt ?? []) as string[]).map(String);
  if (!securityOpt.some((o) => /^no-new-privileges(:true|=true)?$/.test(o))) fail(privileged ? 'privileged' : 'allowPrivilegeEscalation', at('security_opt'), 'must set security_opt no-new-privileges:true');
  if (securityOpt.some((o) => /^seccomp[:=]unconfined$/.test(o))) fail('seccomp', at('security_opt'), 'turns seccomp off');
  if (service.pid === 'host') fail('hostPID', at('pid'), 'shares the host PID namespace');
  if (service.ipc === 'host') fail('hostIPC', at('ipc'), 'shares the host IPC namespace');
  if (service.network_mode === 'host') fail('hostNetwork', at('network_mode'), 'uses the host network');

  const limits = service.deploy?.resources?.limits ?? {};
  if (service.mem_limit === undefined && limits.memory === undefined) fail('resources', at('mem_limit'), 'has no memory limit');
  if (service.cpus === undefined && limits.cpus === undefined) fail('resources', at('cpus'), 'has no CPU limit');
  if (service.mem_reservation === undefined && service.deploy?.resources?.reservations?.memory === undefined) fail('resources', at('mem_reservation'), 'has no memory reservation');

  const health = service.healthcheck;
  // A one-shot job is done when it exits; whoever needs it waits for that, not for health.
  if (oneShot && health === undefined) {
    if (service.restart !== undefined && service.restart !== 'no') problems.push({ file, object, path: at('restart'), check: 'probe', message: 'a one-shot job (others wait for it to complete) must not restart' });
  } else if (!isObject(health) || health.disable === true || !health.test || (Array.isArray(health.test) && health.test[0] === 'NONE')) {
    fail('healthcheck', at('healthcheck'), 'has no healthcheck', 'probe');
  } else {
    const port = healthcheckPort(health.test);
    if (port !== undefined && !listeningPorts(service).has(port)) {
      fail('healthcheck', at('healthcheck', 'test'), `checks port ${port}, which the service does not expose or publish`, 'probe');
    }
  }

  ((service.ports ?? []) as unknown[]).forEach((entry, i) => {
    const port = parsePort(entry);
    if (!port) problems.push({ file, object, path: at('ports', i), check: 'port', message: `cannot read port ${JSON.stringify(entry)}` });
    else if (port.hostIp !== options.bindAddress) {
      problems.push({ file, object, path: at('ports', i), check: 'port', message: `publishes ${JSON.stringify(entry)} on ${port.hostIp ?? 'every address'}; publish on ${options.bindAddress} (the environment's bindAddress)` });
    }
  });

  ((service.volumes ?? []) as unknown[]).forEach((entry, i) => {
    const source = bindSource(entry);
    if (source === undefined) return;
    if (source.startsWith('/') || source.startsWith('~')) {
      fail('hostPath', at('volumes', i), `mounts host path ${source}`);
      return;
    }
    const secret = /^\.\/secrets\/([^/]+)\/?$/.exec(source);
    if (secret && options.userSecretNames.has(secret[1])) return;
    const full = path.resolve(composeDir, source);
    if (!fs.existsSync(full)) {
      problems.push({ file, object, path: at('volumes', i), check: 'bind-mount', message: `mounts ${source}, which does not exist beside the compose file${secret ? ' (and is not a secret that `monstack secrets` lists)' : ' (a config directory needs at least one file)'}` });
    } else if (fs.statSync(full).isDirectory() && fs.readdirSync(full).length === 0) {
      problems.push({ file, object, path: at('volumes', i), check: 'bind-mount', message: `mounts ${source}, an empty directory` });
    }
  });
  return problems;
}

export function checkComposeFile(doc: unknown, file: string, composeDir: string, options: ComposeCheckOptions): Problem[] {
  if (!isObject(doc) || !isObject(doc.services)) return [{ file, check: 'schema', message: 'has no services' }];
  const problems: Problem[] = [];
  if ('name' in doc) problems.push({ file, path: '.name', check: 'schema', message: 'a top-level name is rejected by docker-compose 1.29' });
  const jobs = oneShotServices(doc.services);
  for (const [name, service] of Object.entries(doc.services)) {
    if (!isObject(service)) problems.push({ file, object: `service ${name}`, check: 'schema', message: 'is not a mapping' });
    else problems.push(...checkComposeService(name, service, file, composeDir, options, jobs.has(name)));
  }
  return problems;
}
