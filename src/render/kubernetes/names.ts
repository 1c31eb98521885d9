/** Object names and labels shared by the Kubernetes renderer's parts. */
export const peerServiceName = (service: string): string => `${service}-peers`;
export const dataClaimName = (service: string): string => `${service}-data`;
/** The pod volume of a service's data: a claim of its own (Deployment) or from the StatefulSet's claim template. */
export const DATA_VOLUME = 'data';

export function selectorLabels(service: string): Record<string, string> {
  return { 'app.kubernetes.io/name': service, 'app.kubernetes.io/part-of': 'monstack' };
}

export function commonLabels(service: string): Record<string, string> {
  return { ...selectorLabels(service), 'app.kubernetes.io/managed-by': 'monstack' };
}
