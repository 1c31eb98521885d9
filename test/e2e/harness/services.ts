/**
 * The compose services the run starts as Debian's binaries: the generated command and environment,
 * with only the rewrites of ../rewrites.ts applied.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hostPathOf, interpolate, mapArgumentPaths, Mount, mountsOf } from '../rewrites';

/** Compose service → the Debian binary that is its image's entrypoint. Every other service is not runnable here. */
export const DEBIAN_BINARIES: Readonly<Record<string, string>> = Object.freeze({
  prometheus: 'prometheus',
  alertmanager: 'prometheus-alertmanager',
  'node-exporter': 'prometheus-node-exporter',
  'redis-exporter': 'prometheus-redis-exporter',
  'postgres-exporter': 'prometheus-postgres-exporter',
});

export interface ComposeService {
  readonly image: string;
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly volumes?: readonly string[];
}

export interface ServiceRun {
  readonly name: string;
  readonly binary: string;
  readonly args: string[];
  readonly env: Record<string, string>;
  readonly mounts: Mount[];
}

/** Every `${NAME...}` a service's command or environment reads. */
export function variablesOf(service: ComposeService): string[] {
  const text = JSON.stringify([service.command ?? [], service.environment ?? {}]);
  return [...new Set([...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))];
}

/** How to run one compose service here; its named volumes become (created) directories below `volumesDir`. */
export function serviceRun(name: string, service: ComposeService, composeDir: string, volumesDir: string, vars: Readonly<Record<string, string>>): ServiceRun {
  const binary = DEBIAN_BINARIES[name];
  if (!binary) throw new Error(`no Debian binary for compose service ${name}`);
  const mounts = mountsOf(service.volumes ?? [], composeDir, volumesDir);
  for (const m of mounts) if (m.host.startsWith(volumesDir)) fs.mkdirSync(m.host, { recursive: true });
  const args = mapArgumentPaths((service.command ?? []).map((a) => interpolate(a, vars)), mounts);
  const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), vars)]));
  return { name, binary, args, env, mounts };
}

/** The host path of a container file of a service; throws when no mount holds it. */
export function requireHostPath(run: ServiceRun, containerPath: string): string {
  const p = hostPathOf(containerPath, run.mounts);
  if (!p) throw new Error(`${run.name}: no mount holds ${containerPath}`);
  return path.normalize(p);
}
