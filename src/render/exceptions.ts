/**
 * The checks of the security baseline a service's stated privileges waive, by name — the vocabulary
 * of the validators (src/validate). Kubernetes records them in the pod annotation
 * `monstack.dev/exceptions`, compose in the service field `x-monstack-exceptions`.
 */
import { ResolvedServiceSpec } from '../../constructs';

export function waivedChecks(spec: ResolvedServiceSpec): string[] {
  const p = spec.privileges;
  const waived: string[] = [];
  // Raising host sysctls takes a root, privileged init container.
  if (p.runAsRoot || p.hostSysctls) waived.push('runAsNonRoot');
  if (p.writableRootFilesystem) waived.push('readOnlyRootFilesystem');
  if (p.hostPID) waived.push('hostPID');
  if (p.hostNetwork) waived.push('hostNetwork');
  if (p.privileged || p.hostSysctls) waived.push('privileged');
  if (p.hostMounts || spec.hostMounts.length > 0) waived.push('hostPath');
  return waived;
}
