/** Image references must be pinned: a tag or digest, never `latest`. */

/** Why an image reference is not pinned, or undefined when it is. */
export function imageProblem(image: unknown): string | undefined {
  if (typeof image !== 'string' || image === '') return 'has no image';
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  if (colon < 0) return `image ${image} has no tag (pin a version)`;
  const tag = lastPart.slice(colon + 1);
  if (tag === 'latest' || tag === '') return `image ${image} uses the "latest" tag (pin a version)`;
  return undefined;
}
