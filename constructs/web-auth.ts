/**
 * Basic authentication in front of Prometheus and Alertmanager, with the web configuration file both
 * binaries read natively (`--web.config.file`, Prometheus' exporter-toolkit). The bcrypt hash of each
 * password lives in a Secret beside the password (`monstack secrets` computes it); at start the
 * container's shell writes the web configuration from it, and each credential the server presents to
 * others, into a scratch directory, then runs the server. dist/ holds only the variable names.
 *
 * exporter-toolkit asks for credentials on every path, `/-/healthy` and `/-/ready` included (its
 * webHandler.ServeHTTP checks the users before any handler: web/handler.go), so the probes send them too.
 */
import { ImageFacts } from './image-facts';
import { BasicAuthCredential, SecretEnv, SecretRef } from './service';

/** The one user of each server's web configuration: people, Grafana and Prometheus sign in as it. */
export const WEB_USER = 'monstack';

export interface WebAuth {
  /** What clients present. */
  readonly credential: BasicAuthCredential;
  /** The bcrypt hash the server's web configuration holds. */
  readonly hash: SecretRef;
}

/** The Secret `<service>-web` with the password and its bcrypt hash. */
export function webAuthOf(service: string, what: string): WebAuth {
  const secret = `${service}-web`;
  const password: SecretRef = { secret, key: 'password', description: `${what} password of the user ${WEB_USER} (UI and API)`, generated: true };
  return {
    credential: { username: WEB_USER, password },
    hash: { secret, key: 'password-bcrypt', description: `bcrypt hash of the ${what} password (its web configuration)`, generated: true, derivedFrom: { key: 'password', as: 'bcrypt' } },
  };
}

/** The web configuration file with one user and its hash, as the shell writes it (`$1`: the hash). */
export function webConfigText(hash: string): string {
  return `basic_auth_users:\n  ${WEB_USER}: "${hash}"\n`;
}

/** A credential a server presents to another, written at start into a file its configuration names. */
export interface PresentedCredential {
  readonly env: string;
  readonly ref: SecretRef;
  readonly file: string;
}

export interface WebStart {
  /** The program the image runs, then its arguments ("$@"). */
  readonly binary: string;
  /** Scratch directory the files are written to (an emptyDir or tmpfs of the service). */
  readonly dir: string;
  /** The server's own hash, or absent when its UI and API stay open. */
  readonly hash?: SecretRef;
  readonly presented: readonly PresentedCredential[];
}

const HASH_ENV = 'WEB_PASSWORD_HASH';
export const WEB_CONFIG_FILE = 'web-config.yml';

/**
 * The container's command: write the files (mode 600: umask), then exec the server with the web
 * configuration. Arguments follow as "$@" (Kubernetes `args`, compose `command`).
 */
export function webStartCommand(start: WebStart): { command: string[]; secretEnv: SecretEnv[]; webConfigFile?: string } {
  const lines = ['umask 077'];
  const secretEnv: SecretEnv[] = [];
  const flags: string[] = [];
  if (start.hash) {
    const file = `${start.dir}/${WEB_CONFIG_FILE}`;
    lines.push(`printf '${webConfigText('%s').replace(/\n/g, '\\n')}' "$${HASH_ENV}" > ${file}`);
    secretEnv.push({ env: HASH_ENV, ref: start.hash });
    flags.push(`--web.config.file=${file}`);
  }
  for (const p of start.presented) {
    lines.push(`printf '%s' "$${p.env}" > ${p.file}`);
    secretEnv.push({ env: p.env, ref: p.ref });
  }
  lines.push(`exec ${start.binary} ${flags.join(' ')} "$@"`.replace(/ {2,}/g, ' '));
  // `sh -c script name args…`: the name becomes $0, the arguments "$@".
  return { command: ['sh', '-c', lines.join('\n'), start.binary.split('/').pop()!], secretEnv, ...(start.hash ? { webConfigFile: `${start.dir}/${WEB_CONFIG_FILE}` } : {}) };
}

/**
 * An HTTP check inside the container that signs in as WEB_USER with the password in `$passwordEnv`:
 * busybox wget with an Authorization header (it takes no password option), or curl. Passes on 2xx.
 */
export function authorizedCheckCommand(facts: ImageFacts, port: number, path: string, passwordEnv: string): string[] {
  const url = `http://127.0.0.1:${port}${path}`;
  if (facts.tools.includes('wget') && ['base64', 'tr'].every((t) => facts.tools.includes(t))) {
    return ['sh', '-c', `wget -q -O /dev/null --header "Authorization: Basic $(printf '${WEB_USER}:%s' "$${passwordEnv}" | base64 | tr -d '\\n')" ${url}`];
  }
  if (facts.tools.includes('curl')) return ['sh', '-c', `curl -s -f -o /dev/null -u "${WEB_USER}:$${passwordEnv}" ${url}`];
  throw new Error(`${facts.image} has neither wget (with base64 and tr) nor curl for an authenticated check`);
}
