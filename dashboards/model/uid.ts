/**
 * Dashboard uids come from the definition, never from chance: the title as a slug. They name the
 * Kubernetes ConfigMap (`grafana-dashboard-<uid>`) too, so they keep to lower-case DNS characters.
 */
import { createHash } from 'node:crypto';

/** Grafana's limit on a dashboard uid. */
export const MAX_UID_LENGTH = 40;
export const UID_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export function uidFromTitle(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug === '') throw new Error(`dashboard title "${title}" has no letters or digits to derive a uid from; give a uid`);
  if (slug.length <= MAX_UID_LENGTH) return slug;
  // Long titles keep a readable prefix and a digest of the whole, so two long titles stay distinct.
  const digest = createHash('sha256').update(title).digest('hex').slice(0, 8);
  return `${slug.slice(0, MAX_UID_LENGTH - 9).replace(/-+$/, '')}-${digest}`;
}

export function checkUid(uid: string, title: string): string {
  if (uid.length > MAX_UID_LENGTH || !UID_PATTERN.test(uid)) {
    throw new Error(`dashboard "${title}": uid "${uid}" must be lower-case letters, digits and dashes, at most ${MAX_UID_LENGTH} characters`);
  }
  return uid;
}
