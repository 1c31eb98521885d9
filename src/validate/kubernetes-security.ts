/**
 * The restricted baseline for every container, waived only where the pod template's
 * `monstack.dev/exceptions` annotation (written by the renderer from a service's stated
 * privileges) names the check.
 */
import { EXCEPTIONS_ANNOTATION } from '../render/kubernetes/pod';
import { imageProblem } from './images';
import { isObject, Obj } from './output';
import { containersOf, PodTemplate } from './pods';
import { jsonPath, Problem } from './problem';

export function waiversOf(annotations: Record<string, string>): Set<string> {
  return new Set((annotations[EXCEPTIONS_ANNOTATION] ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

function hasQuantity(resources: Obj | undefined, kind: 'requests' | 'limits', what: 'cpu' | 'memory'): boolean {
  const value = resources?.[kind]?.[what];
  return value !== undefined && value !== null && value !== '';
}

export function checkPodSecurity(pod: PodTemplate): Problem[] {
  const problems: Problem[] = [];
  const waived = waiversOf(pod.annotations);
  const m = pod.manifest;
  const fail = (check: string, at: (string | number)[], message: string) => {
    if (!waived.has(check)) problems.push({ file: m.file, object: m.id, path: jsonPath(at), check: 'security', message: `${message} (check ${check}; waive only with a stated privilege)` });
  };
  const podSc = isObject(pod.spec.securityContext) ? pod.spec.securityContext : {};
  if (pod.spec.hostPID === true) fail('hostPID', [...pod.at, 'spec', 'hostPID'], 'shares the host PID namespace');
  if (pod.spec.hostIPC === true) fail('hostIPC', [...pod.at, 'spec', 'hostIPC'], 'shares the host IPC namespace');
  if (pod.spec.hostNetwork === true) fail('hostNetwork', [...pod.at, 'spec', 'hostNetwork'], 'uses the host network');
  ((pod.spec.volumes ?? []) as Obj[]).forEach((v, i) => {
    if (isObject(v.hostPath)) fail('hostPath', [...pod.at, 'spec', 'volumes', i, 'hostPath'], `mounts host path ${v.hostPath.path}`);
  });

  for (const { container, at } of containersOf(pod)) {
    const sc: Obj = isObject(container.securityContext) ? container.securityContext : {};
    const scAt = [...at, 'securityContext'];
    const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
    const user = sc.runAsUser ?? podSc.runAsUser;
    if (nonRoot !== true) fail('runAsNonRoot', [...scAt, 'runAsNonRoot'], 'must run as non-root (runAsNonRoot: true)');
    else if (user === 0) fail('runAsNonRoot', [...scAt, 'runAsUser'], 'runs as UID 0');
    if (sc.readOnlyRootFilesystem !== true) fail('readOnlyRootFilesystem', [...scAt, 'readOnlyRootFilesystem'], 'root filesystem must be read-only');
    if (sc.privileged === true) fail('privileged', [...scAt, 'privileged'], 'runs privileged');
    if (sc.allowPrivilegeEscalation !== false) fail(sc.privileged === true ? 'privileged' : 'allowPrivilegeEscalation', [...scAt, 'allowPrivilegeEscalation'], 'must set allowPrivilegeEscalation: false');
    const drop = (sc.capabilities?.drop ?? []) as string[];
    if (!drop.includes('ALL')) fail('capabilities', [...scAt, 'capabilities', 'drop'], 'must drop ALL capabilities');
    const added = (sc.capabilities?.add ?? []) as string[];
    if (added.length > 0) fail('capabilities', [...scAt, 'capabilities', 'add'], `adds capabilities ${added.join(', ')}`);
    const seccomp = sc.seccompProfile?.type ?? podSc.seccompProfile?.type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') fail('seccomp', [...scAt, 'seccompProfile'], 'needs seccompProfile RuntimeDefault');
    for (const kind of ['requests', 'limits'] as const) {
      for (const what of ['cpu', 'memory'] as const) {
        if (!hasQuantity(container.resources, kind, what)) fail('resources', [...at, 'resources', kind, what], `has no ${what} ${kind === 'requests' ? 'request' : 'limit'}`);
      }
    }
    const image = imageProblem(container.image);
    if (image) fail('image', [...at, 'image'], image);
  }
  return problems;
}
