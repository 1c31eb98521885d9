/**
 * `monstack secrets`: fresh credentials for every secret the stack reads, printed (never written) as
 * Kubernetes Secret manifests or as a compose `.env`. Credentials issued elsewhere (a PagerDuty key)
 * cannot be generated: the output says how to provide them.
 */
import { randomBytes } from 'crypto';
import { ResolvedServiceSpec, SecretRef } from '../../constructs';
import { composeVariable } from '../render/compose/renderer';
import { toYaml } from '../../constructs/yaml';

// Only printing credentials hashes them: synth, which imports this module through the targets, does not load bcrypt.
const bcrypt = () => require('bcryptjs') as typeof import('bcryptjs');

/** A credential with the way compose hands it over: a variable from `.env`, or a file under ./secrets/. */
export interface StackSecretRef extends SecretRef {
  readonly delivery: 'env' | 'file';
}

/** Every credential the services read, once each, in a stable order. */
export function secretRefs(specs: readonly ResolvedServiceSpec[]): StackSecretRef[] {
  const refs = new Map<string, StackSecretRef>();
  for (const spec of specs) {
    const setupRefs = (spec.setup?.secretEnv ?? []).map((s) => s.ref);
    for (const ref of [...spec.secretEnv.map((s) => s.ref), ...setupRefs]) refs.set(`${ref.secret}/${ref.key}`, { ...ref, delivery: 'env' });
    for (const ref of spec.secretFiles.flatMap((f) => f.refs)) refs.set(`${ref.secret}/${ref.key}`, { ...ref, delivery: 'file' });
  }
  return [...refs.values()].sort((a, b) => `${a.secret}/${a.key}`.localeCompare(`${b.secret}/${b.key}`));
}

export function freshValue(): string {
  return randomBytes(24).toString('base64url');
}

/** bcrypt's cost: what Prometheus' own documentation uses; each sign-in costs the server one hash of it. */
const BCRYPT_COST = 10;

/**
 * A value for every generated credential: drawn fresh, or computed from the key it derives from (the
 * bcrypt hash of a password, so the hash and the password always match). Keyed `secret/key`.
 */
export function generatedValues(refs: readonly SecretRef[], value = freshValue): Map<string, string> {
  const values = new Map<string, string>();
  const id = (secret: string, key: string) => `${secret}/${key}`;
  for (const ref of refs.filter((r) => r.generated && !r.derivedFrom)) values.set(id(ref.secret, ref.key), value());
  for (const ref of refs.filter((r) => r.generated && r.derivedFrom)) {
    const source = values.get(id(ref.secret, ref.derivedFrom!.key));
    if (source === undefined) throw new Error(`${ref.secret}/${ref.key} is derived from ${ref.derivedFrom!.key}, which no service reads`);
    values.set(id(ref.secret, ref.key), bcrypt().hashSync(source, BCRYPT_COST));
  }
  return values;
}

export function kubernetesSecrets(refs: readonly SecretRef[], namespace: string, value = freshValue): string {
  const generated = refs.filter((r) => r.generated);
  const values = generatedValues(refs, value);
  const bySecret = new Map<string, SecretRef[]>();
  for (const ref of generated) bySecret.set(ref.secret, [...(bySecret.get(ref.secret) ?? []), ref]);
  const docs = [...bySecret].map(([name, keys]) =>
    toYaml({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace, labels: { 'app.kubernetes.io/part-of': 'monstack' } },
      type: 'Opaque',
      stringData: Object.fromEntries(keys.map((k) => [k.key, values.get(`${k.secret}/${k.key}`)!])),
    }),
  );
  const issued = refs.filter((r) => !r.generated);
  const notes = issued.length
    ? [
        '# Credentials issued by other services; create this Secret yourself:',
        ...[...new Set(issued.map((r) => r.secret))].map(
          (secret) =>
            `#   kubectl -n ${namespace} create secret generic ${secret} ${issued
              .filter((r) => r.secret === secret)
              .map((r) => `--from-file=${r.key}=<file with the ${r.description}>`)
              .join(' ')}`,
        ),
        '',
      ].join('\n')
    : '';
  return notes + docs.join('---\n');
}

export function composeEnvFile(refs: readonly StackSecretRef[], value = freshValue): string {
  const lines = ['# Credentials for docker-compose; keep this file next to the compose file and out of version control.'];
  const values = generatedValues(refs, value);
  for (const ref of refs.filter((r) => r.generated)) lines.push(`# ${ref.description}`, `${composeVariable(ref)}=${values.get(`${ref.secret}/${ref.key}`)!}`);
  const issuedVariables = refs.filter((r) => !r.generated && r.delivery === 'env');
  if (issuedVariables.length) {
    // Left commented out: compose refuses to start until each is filled in, rather than run with a made-up value.
    lines.push('# Credentials issued elsewhere: fill in each value and remove the leading "# ":');
    for (const ref of issuedVariables) lines.push(`# ${ref.description}`, `# ${composeVariable(ref)}=`);
  }
  const issuedFiles = refs.filter((r) => !r.generated && r.delivery === 'file');
  if (issuedFiles.length) {
    lines.push('# Credentials issued by other services go in files beside the compose file:');
    for (const ref of issuedFiles) lines.push(`#   ./secrets/${ref.secret}/${ref.key}: ${ref.description}`);
  }
  return `${lines.join('\n')}\n`;
}
