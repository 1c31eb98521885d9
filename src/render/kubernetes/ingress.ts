/**
 * One Ingress (networking.k8s.io/v1) for the UIs people open in a browser: each at `<service>.<domain>`,
 * over TLS with one certificate for every host (a Secret the user makes, or one cert-manager makes from
 * the issuer the environment names).
 */
import { k8s } from './k8s';
import { ManifestFile } from './manifest-file';
import { ResolvedServiceSpec } from '../../../constructs';
import { ResolvedIngress } from '../../config/access-settings';

/** The UI ports of the stack, by service, in the order the services come. */
export function uiPorts(specs: readonly ResolvedServiceSpec[]): { service: string; port: string }[] {
  return specs.flatMap((spec) => spec.ports.filter((p) => p.ui).map((p) => ({ service: spec.name, port: p.name })));
}

export const uiHost = (service: string, ingress: ResolvedIngress) => `${service}.${ingress.domain}`;

export function renderIngress(file: ManifestFile, specs: readonly ResolvedServiceSpec[], namespace: string, ingress: ResolvedIngress): void {
  const uis = uiPorts(specs);
  const hosts = uis.map((ui) => uiHost(ui.service, ingress));
  file.add(k8s.KubeIngress, {
    metadata: {
      name: 'monstack-ui',
      namespace,
      labels: { 'app.kubernetes.io/part-of': 'monstack', 'app.kubernetes.io/managed-by': 'monstack' },
      ...(Object.keys(ingress.issuerAnnotation).length > 0 ? { annotations: { ...ingress.issuerAnnotation } } : {}),
    },
    spec: {
      ...(ingress.className ? { ingressClassName: ingress.className } : {}),
      tls: [{ hosts, secretName: ingress.secretName }],
      rules: uis.map((ui) => ({
        host: uiHost(ui.service, ingress),
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: ui.service, port: { name: ui.port } } } }] },
      })),
    },
  });
}
