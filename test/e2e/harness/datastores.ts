/**
 * The application's Redis and Postgres, as real throwaway servers: Redis with the password the
 * exporter is given, a fresh Postgres cluster with the exporter's role created by the SQL the README
 * tells users to run.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Processes } from './processes';

export const REDIS = 'redis-server';
export const POSTGRES = 'postgres';

export function startRedis(procs: Processes, dir: string, address: { host: string; port: number }, password: string): void {
  fs.mkdirSync(dir, { recursive: true });
  procs.start(REDIS, 'redis-server', ['--bind', address.host, '--port', String(address.port), '--requirepass', password, '--save', '', '--appendonly', 'no', '--dir', dir]);
}

/** Debian's PostgreSQL binaries (the newest installed major version). */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^[0-9]+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin): run .ci/install-e2e');
  return path.join(root, versions[0], 'bin');
}

export interface PostgresCluster {
  readonly dataDir: string;
  readonly socketDir: string;
  readonly address: { host: string; port: number };
}

/** initdb as the postgres user into `dir` (local connections trusted, TCP by password). */
export function initPostgres(dir: string, address: { host: string; port: number }): PostgresCluster {
  const cluster = { dataDir: path.join(dir, 'data'), socketDir: path.join(dir, 'run'), address };
  fs.mkdirSync(cluster.socketDir, { recursive: true });
  execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  execFileSync('runuser', ['-u', 'postgres', '--', path.join(postgresBinDir(), 'initdb'), '-D', cluster.dataDir, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256'], { stdio: 'pipe' });
  return cluster;
}

export function startPostgres(procs: Processes, cluster: PostgresCluster): void {
  procs.start(POSTGRES, path.join(postgresBinDir(), 'postgres'), ['-D', cluster.dataDir, '-c', `listen_addresses=${cluster.address.host}`, '-c', `port=${cluster.address.port}`, '-c', `unix_socket_directories=${cluster.socketDir}`], { user: 'postgres' });
}

/** Runs SQL as the superuser over the cluster's socket; fails with psql's message. */
export function psql(cluster: PostgresCluster, sql: string, database = 'postgres'): string {
  return execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', cluster.socketDir, '-p', String(cluster.address.port), '-d', database, '-tA', '-c', sql], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The ```sql block after `marker` in the README, the exporter's role as users are told to create it. */
export function readmeSql(readme: string, marker: string): string {
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README has no "${marker}"`);
  const block = /```sql\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block) throw new Error(`README has no sql block after "${marker}"`);
  return block[1];
}
