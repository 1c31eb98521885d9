/**
 * `monstack secrets`: fresh credentials for every secret the stack reads, printed (never written) as
 * Kubernetes Secret manifests or as a compose `.env`. Credentials issued elsewhere (a PagerDuty key)
 * cannot be generated: the output says how to provide them.
 */
import { randomBytes } from 'crypto';
import { ResolvedServiceSpec, SecretRef } from '../../constructs';
import { composeVariable } from '../render/compose/renderer';
import { toYaml } from '../render/output';

/** Every credential the services read, once each, in a stable order. */
export function secretRefs(specs: readonly ResolvedServiceSpec[]): SecretRef[] {
  const refs = new Map<string, SecretRef>();
  for (const spec of specs) {
    const setupRefs = (spec.setup?.secretEnv ?? []).map((s) => s.ref);
    for (const ref of [...spec.secretEnv.map((s) => s.ref), ...spec.secretFiles.flatMap((f) => f.refs), ...setupRefs]) {
      refs.set(`${ref.secret}/${ref.key}`, ref);
    }
  }
  return [...refs.values()].sort((a, b) => `${a.secret}/${a.key}`.localeCompare(`${b.secret}/${b.key}`));
}

export function freshValue(): string {
  return randomBytes(24).toString('base64url');
}

export function kubernetesSecrets(refs: readonly SecretRef[], namespace: string, value = freshValue): string {
  const generated = refs.filter((r) => r.generated);
  const bySecret = new Map<string, SecretRef[]>();
  for (const ref of generated) bySecret.set(ref.secret, [...(bySecret.get(ref.secret) ?? []), ref]);
  const docs = [...bySecret].map(([name, keys]) =>
    toYaml({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace, labels: { 'app.kubernetes.io/part-of': 'monstack' } },
      type: 'Opaque',
      stringData: Object.fromEntries(keys.map((k) => [k.key, value()])),
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

export function composeEnvFile(refs: readonly SecretRef[], value = freshValue): string {
  const lines = ['# Credentials for docker-compose; keep this file next to the compose file and out of version control.'];
  for (const ref of refs.filter((r) => r.generated)) lines.push(`# ${ref.description}`, `${composeVariable(ref)}=${value()}`);
  const issued = refs.filter((r) => !r.generated);
  if (issued.length) {
    lines.push('# Credentials issued by other services go in files beside the compose file:');
    for (const ref of issued) lines.push(`#   ./secrets/${ref.secret}/${ref.key}: ${ref.description}`);
  }
  return `${lines.join('\n')}\n`;
}
