/**
 * Image references by the grammar of the OCI distribution reference (distribution/reference, the one
 * Docker and containerd parse): `[host[:port]/]path[:tag][@digest]`. Path components are lower case
 * (`[a-z0-9]+` joined by `.`, `_`, `__` or dashes); the first component is a registry host only when it
 * holds a `.` or a `:` or is `localhost` (Docker's rule), so `Foo/bar` is an upper-case repository, not
 * a host. The name is at most 255 characters; a tag is `[\w][\w.-]{0,127}`. The stack also asks for a
 * pin: a tag other than `latest`, or a digest.
 */

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
/** The digests OCI registers: sha256 and sha512, lower-case hex. */
const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const NAME_MAX = 255;

export interface ImageReference {
  readonly domain?: string;
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

export type ImageResult = { readonly reference: ImageReference } | { readonly problem: string };

export function parseImageReference(text: string): ImageResult {
  const bad = (why: string) => ({ problem: `"${text}" is not an image reference: ${why}` });
  const at = text.indexOf('@');
  const digest = at >= 0 ? text.slice(at + 1) : undefined;
  const withoutDigest = at >= 0 ? text.slice(0, at) : text;
  if (digest !== undefined && !DIGEST.test(digest)) return bad(`the digest "${digest}" must be sha256:<64 hex digits> or sha512:<128 hex digits>, lower case`);
  // The tag follows the last colon after the last slash (a registry port's colon comes before a slash).
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const tag = colon > slash ? withoutDigest.slice(colon + 1) : undefined;
  const name = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
  if (tag !== undefined && !TAG.test(tag)) return bad(`the tag "${tag}" must be letters, digits, _ . - (at most 128, not starting with . or -)`);
  if (name.length === 0) return bad('no repository');
  if (name.length > NAME_MAX) return bad(`the name is longer than ${NAME_MAX} characters`);
  const parts = name.split('/');
  const first = parts[0];
  const hasDomain = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasDomain && !DOMAIN.test(first)) return bad(`"${first}" is not a registry host[:port]`);
  const path = hasDomain ? parts.slice(1) : parts;
  for (const component of path) {
    if (!PATH_COMPONENT.test(component)) {
      return bad(
        component !== component.toLowerCase()
          ? `the repository "${path.join('/')}" must be lower case`
          : `"${component}" is not a repository path component (lower-case letters and digits, joined by . _ __ or -)`,
      );
    }
  }
  return { reference: { ...(hasDomain ? { domain: first } : {}), path: path.join('/'), ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) } };
}

/** A reference the stack runs: valid, and pinned to a release tag or a digest. */
export function checkPinnedImage(text: string): string | undefined {
  const parsed = parseImageReference(text);
  if ('problem' in parsed) return parsed.problem;
  const { tag, digest } = parsed.reference;
  if (tag === undefined && digest === undefined) return `"${text}" names no tag: pin a release tag (name:1.2.3) or a digest (name@sha256:…)`;
  if (tag === 'latest' && digest === undefined) return `"${text}" is not pinned: latest moves; name a release tag or a digest`;
  return undefined;
}
