/**
 * Object names as the API server takes them, and one object per name: the schemas say nothing of
 * `metadata.name`, and `kubectl apply` of two objects of one kind, namespace and name keeps the last.
 */
import { DNS_LABEL, DNS_SUBDOMAIN } from '../config/kubernetes-names';
import { Manifest } from './output';
import { Problem } from './problem';

/** A Service's name is also a DNS name of the cluster, so it must start with a letter (RFC 1035). */
const RFC1035_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

const RULE: Readonly<Record<string, { pattern: RegExp; says: string }>> = {
  Service: { pattern: RFC1035_LABEL, says: 'at most 63 lower-case letters, digits and "-", starting with a letter and ending with a letter or digit' },
  Namespace: { pattern: new RegExp(DNS_LABEL), says: 'at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit' },
};
const SUBDOMAIN = { pattern: DNS_SUBDOMAIN, says: 'at most 253 lower-case letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit' };

export function checkObjectNames(manifests: readonly Manifest[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const m of manifests) {
    const name = m.doc.metadata?.name;
    const kind = String(m.doc.kind ?? '?');
    if (typeof name !== 'string') continue; // the schema check names a missing one
    const rule = RULE[kind] ?? SUBDOMAIN;
    if (!rule.pattern.test(name)) problems.push({ file: m.file, object: m.id, path: '.metadata.name', check: 'name', message: `"${name}" is no ${kind} name: ${rule.says}` });
    const group = String(m.doc.apiVersion ?? '').split('/').slice(0, -1).join('/');
    const key = `${group} ${kind} ${m.doc.metadata?.namespace ?? ''} ${name}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push({ file: m.file, object: m.id, path: '.metadata.name', check: 'name', message: `a second ${kind} named "${name}" in this namespace (the first in ${first}): applying both keeps only one` });
    else seen.set(key, m.file);
  }
  return problems;
}
