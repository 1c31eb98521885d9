/** Object names and labels shared by the Kubernetes renderer's parts. */
export const peerServiceName = (service: string): string => `${service}-peers`;
export const dataClaimName = (service: string): string => `${service}-data`;

export function selectorLabels(service: string): Record<string, string> {
  return { 'app.kubernetes.io/name': service, 'app.kubernetes.io/part-of': 'monstack' };
}

export function commonLabels(service: string): Record<string, string> {
  return { ...selectorLabels(service), 'app.kubernetes.io/managed-by': 'monstack' };
}
