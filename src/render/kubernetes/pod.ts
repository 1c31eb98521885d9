/**
 * The pod template of a service: its container with the restricted security baseline, volumes for
 * configuration, credentials, data, scratch space and host paths, probes, and the exceptions a
 * service states (each recorded in the `monstack.dev/exceptions` annotation that the checks read).
 */
import { createHash } from 'crypto';
import { k8s } from './k8s';
import { Check, IMAGES, ResolvedServiceSpec } from '../../../constructs';
import { ResolvedClusterSettings } from '../../config/cluster-settings';
import { waivedChecks } from '../exceptions';
import { commonLabels, DATA_VOLUME, dataClaimName, selectorLabels } from './names';

export const EXCEPTIONS_ANNOTATION = 'monstack.dev/exceptions';

/** Changes whenever a mounted configuration changes, so pods restart onto the new files. */
function configHash(spec: ResolvedServiceSpec): string {
  const hash = createHash('sha256');
  for (const bundle of spec.configs) {
    for (const [file, contents] of Object.entries(bundle.files)) hash.update(`${bundle.name}/${file}\0${contents}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The baseline checks the service is excused from, as the annotation the validators read; empty when none. */
export function exceptionsAnnotation(spec: ResolvedServiceSpec): Record<string, string> {
  const waived = waivedChecks(spec);
  return waived.length > 0 ? { [EXCEPTIONS_ANNOTATION]: waived.join(',') } : {};
}

function podAnnotations(spec: ResolvedServiceSpec): Record<string, string> {
  return { 'monstack.dev/config-hash': configHash(spec), ...exceptionsAnnotation(spec) };
}

function action(check: Check, healthPort: string): Pick<k8s.Probe, 'httpGet' | 'tcpSocket'> {
  const port = k8s.IntOrString.fromString(check.port ?? healthPort);
  return check.path ? { httpGet: { path: check.path, port } } : { tcpSocket: { port } };
}

interface Probes {
  readonly readinessProbe?: k8s.Probe;
  readonly livenessProbe?: k8s.Probe;
  readonly startupProbe?: k8s.Probe;
}

/** Readiness, liveness and start-up probes from the service's health check. */
function probes(spec: ResolvedServiceSpec): Probes {
  const h = spec.health;
  if (!h) return {};
  const initialDelay = h.initialDelaySeconds ?? 10;
  const timing = { periodSeconds: h.periodSeconds ?? 15, timeoutSeconds: 5, failureThreshold: h.failureThreshold ?? 6 };
  const readiness: Check = { port: h.port, path: h.path };
  const liveness = h.liveness ?? readiness;
  const startup = h.startup;
  return {
    readinessProbe: {
      ...(h.readinessCommand ? { exec: { command: [...h.readinessCommand] } } : action(readiness, h.port)),
      initialDelaySeconds: initialDelay,
      ...timing,
    },
    // With a start-up probe, liveness counts only once it has passed: no delay of its own.
    ...(liveness === 'none' ? {} : { livenessProbe: { ...action(liveness, h.port), initialDelaySeconds: startup ? 0 : Math.max(30, initialDelay), ...timing } }),
    ...(startup
      ? {
          startupProbe: {
            ...action(startup, h.port),
            initialDelaySeconds: initialDelay,
            periodSeconds: startup.periodSeconds,
            timeoutSeconds: 5,
            failureThreshold: startup.failureThreshold,
          },
        }
      : {}),
  };
}

function quantities(amounts: { cpu: string; memory: string }): Record<string, k8s.Quantity> {
  return { cpu: k8s.Quantity.fromString(amounts.cpu), memory: k8s.Quantity.fromString(amounts.memory) };
}

function containerSecurity(spec: ResolvedServiceSpec): k8s.SecurityContext {
  const p = spec.privileges;
  return {
    allowPrivilegeEscalation: p.privileged ? true : false,
    privileged: p.privileged ? true : undefined,
    readOnlyRootFilesystem: !p.writableRootFilesystem,
    runAsNonRoot: !p.runAsRoot,
    ...(p.runAsRoot ? { runAsUser: 0 } : spec.user !== undefined ? { runAsUser: spec.user } : {}),
    ...(spec.group !== undefined ? { runAsGroup: p.runAsRoot ? 0 : spec.group } : {}),
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

interface Mounts {
  readonly volumes: k8s.Volume[];
  readonly mounts: k8s.VolumeMount[];
}

function mounts(spec: ResolvedServiceSpec): Mounts {
  const volumes: k8s.Volume[] = [];
  const volumeMounts: k8s.VolumeMount[] = [];
  for (const bundle of spec.configs) {
    volumes.push({ name: bundle.name, configMap: { name: bundle.name } });
    volumeMounts.push({ name: bundle.name, mountPath: bundle.mountPath, readOnly: true });
  }
  spec.secretFiles.forEach((files, i) => {
    const secret = files.refs[0].secret;
    const name = `secret-${i}`;
    volumes.push({ name, secret: { secretName: secret, items: files.refs.map((r) => ({ key: r.key, path: r.key })) } });
    volumeMounts.push({ name, mountPath: files.mountPath, readOnly: true });
  });
  if (spec.data) {
    if (spec.workload === 'Deployment') volumes.push({ name: DATA_VOLUME, persistentVolumeClaim: { claimName: dataClaimName(spec.name) } });
    volumeMounts.push({ name: DATA_VOLUME, mountPath: spec.data.mountPath });
  }
  spec.scratch.forEach((path, i) => {
    volumes.push({ name: `scratch-${i}`, emptyDir: {} });
    volumeMounts.push({ name: `scratch-${i}`, mountPath: path });
  });
  for (const host of spec.hostMounts) {
    // A directory the service writes (positions, say) is made on first use; paths it reads must exist.
    volumes.push({ name: `host-${host.name}`, hostPath: { path: host.hostPath, ...(host.readOnly === false ? { type: 'DirectoryOrCreate' } : {}) } });
    volumeMounts.push({
      name: `host-${host.name}`,
      mountPath: host.mountPath,
      readOnly: host.readOnly ?? true,
      // Mounts made on the host after the pod starts (new disks) show up inside too.
      ...(host.hostPath === '/' ? { mountPropagation: 'HostToContainer' } : {}),
    });
  }
  return { volumes, mounts: volumeMounts };
}

/** Plain variables, by name. */
function plainEnv(env: Readonly<Record<string, string>>): k8s.EnvVar[] {
  return Object.keys(env)
    .sort()
    .map((name) => ({ name, value: env[name] }));
}

function environment(spec: ResolvedServiceSpec): k8s.EnvVar[] {
  const fields = Object.keys(spec.fieldEnv)
    .sort()
    .map((name) => ({ name, valueFrom: { fieldRef: { fieldPath: spec.fieldEnv[name] } } }));
  return [...plainEnv(spec.env), ...fields, ...secretEnvVars(spec.secretEnv)];
}

function secretEnvVars(refs: ResolvedServiceSpec['secretEnv']): k8s.EnvVar[] {
  return refs.map((s) => ({ name: s.env, valueFrom: { secretKeyRef: { name: s.ref.secret, key: s.ref.key } } }));
}

/** The service's one-shot setup step, in its own image, under the same restricted baseline. */
function setupInit(spec: ResolvedServiceSpec): k8s.Container[] {
  const step = spec.setup;
  if (!step) return [];
  const env = [...plainEnv(step.env ?? {}), ...secretEnvVars(step.secretEnv ?? [])];
  return [
    {
      name: 'setup',
      image: spec.image,
      imagePullPolicy: 'IfNotPresent',
      command: [...step.command],
      ...(env.length > 0 ? { env } : {}),
      resources: { requests: quantities(step.resources.requests), limits: quantities(step.resources.limits) },
      // None of the service's exceptions: the step only talks to an API.
      securityContext: containerSecurity({ ...spec, privileges: {} }),
    },
  ];
}

/** Raises host kernel settings before the service starts: privileged, so an exception. */
function sysctlInit(spec: ResolvedServiceSpec): k8s.Container[] {
  const sysctls = spec.privileges.hostSysctls;
  if (!sysctls) return [];
  const script = Object.entries(sysctls.values)
    .map(([key, value]) => `sysctl -w ${key}=${value}`)
    .join(' && ');
  return [
    {
      name: 'sysctl',
      image: IMAGES.busybox,
      imagePullPolicy: 'IfNotPresent',
      command: ['sh', '-c', script],
      resources: { requests: quantities({ cpu: '10m', memory: '16Mi' }), limits: quantities({ cpu: '50m', memory: '32Mi' }) },
      securityContext: {
        privileged: true,
        allowPrivilegeEscalation: true,
        runAsNonRoot: false,
        runAsUser: 0,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      },
    },
  ];
}

/**
 * Node labels that mark an NVIDIA GPU, any one enough: GPU Feature Discovery (the GPU operator), Node
 * Feature Discovery's PCI labels (vendor 10de, by vendor alone or with the display/3D class) and GKE's
 * accelerator label. One selector label would leave out every cluster that does not run its labeller.
 */
const GPU_NODE_TERMS: k8s.NodeSelectorTerm[] = [
  { matchExpressions: [{ key: 'nvidia.com/gpu.present', operator: 'In', values: ['true'] }] },
  { matchExpressions: [{ key: 'feature.node.kubernetes.io/pci-10de.present', operator: 'In', values: ['true'] }] },
  { matchExpressions: [{ key: 'feature.node.kubernetes.io/pci-0300_10de.present', operator: 'In', values: ['true'] }] },
  { matchExpressions: [{ key: 'feature.node.kubernetes.io/pci-0302_10de.present', operator: 'In', values: ['true'] }] },
  { matchExpressions: [{ key: 'cloud.google.com/gke-accelerator', operator: 'Exists' }] },
];

function affinity(spec: ResolvedServiceSpec): k8s.Affinity | undefined {
  // GPU nodes only: required, so that hosts without a GPU never run (and never report down) a GPU service.
  const gpu: k8s.Affinity = spec.needsGpu ? { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: GPU_NODE_TERMS } } } : {};
  if (spec.workload === 'DaemonSet' || spec.replicas < 2) return spec.needsGpu ? gpu : undefined;
  // Copies on different nodes survive the loss of one; preferred so a small cluster still schedules them.
  return {
    ...gpu,
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: selectorLabels(spec.name) } },
        },
      ],
    },
  };
}

/**
 * GPU nodes are commonly tainted so that only GPU work lands there (GKE taints every GPU node pool).
 * The per-node agents (host metrics, container metrics, log shipping) must run on every node, tainted
 * or not, or the training nodes would go unobserved: they tolerate every taint, as kube-prometheus'
 * node-exporter does. The GPU exporter, pinned to GPU nodes by affinity, tolerates their taint.
 */
function tolerations(spec: ResolvedServiceSpec): k8s.Toleration[] | undefined {
  if (spec.needsGpu) return [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }];
  if (spec.workload === 'DaemonSet') return [{ operator: 'Exists' }];
  return undefined;
}

export function podTemplate(spec: ResolvedServiceSpec, serviceAccount: string | undefined, gpu: ResolvedClusterSettings['gpuExporter']): k8s.PodTemplateSpec {
  // Where GPUs are visible only to containers that request them (GKE), the exporter asks for some.
  const gpus: Record<string, k8s.Quantity> = spec.needsGpu && gpu.gpus > 0 ? { 'nvidia.com/gpu': k8s.Quantity.fromNumber(gpu.gpus) } : {};
  const { volumes, mounts: volumeMounts } = mounts(spec);
  const p = spec.privileges;
  const initContainers = [...sysctlInit(spec), ...setupInit(spec)];
  const env = environment(spec);
  const podAffinity = affinity(spec);
  const podTolerations = tolerations(spec);
  const container: k8s.Container = {
    name: spec.name,
    image: spec.image,
    imagePullPolicy: 'IfNotPresent',
    ...(spec.command ? { command: [...spec.command] } : {}),
    ...(spec.args.length > 0 ? { args: [...spec.args] } : {}),
    ...(env.length > 0 ? { env } : {}),
    ports: spec.ports.map((port) => ({ name: port.name, containerPort: port.port, protocol: port.protocol ?? 'TCP' })),
    ...probes(spec),
    resources: { requests: { ...quantities(spec.resources.requests), ...gpus }, limits: { ...quantities(spec.resources.limits), ...gpus } },
    securityContext: containerSecurity(spec),
    ...(volumeMounts.length > 0 ? { volumeMounts } : {}),
  };
  return {
    metadata: { labels: commonLabels(spec.name), annotations: podAnnotations(spec) },
    spec: {
      ...(serviceAccount ? { serviceAccountName: serviceAccount, automountServiceAccountToken: true } : { automountServiceAccountToken: false }),
      ...(p.hostPID ? { hostPid: true } : {}),
      ...(p.hostNetwork ? { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } : {}),
      // NVIDIA's runtime, where it is not the nodes' default, is chosen by RuntimeClass.
      ...(spec.needsGpu && gpu.runtimeClassName ? { runtimeClassName: gpu.runtimeClassName } : {}),
      securityContext: {
        runAsNonRoot: !p.runAsRoot && !p.hostSysctls,
        ...(spec.group !== undefined && !p.runAsRoot ? { fsGroup: spec.group, fsGroupChangePolicy: 'OnRootMismatch' } : {}),
        seccompProfile: { type: 'RuntimeDefault' },
      },
      terminationGracePeriodSeconds: spec.stopGracePeriodSeconds,
      // A task's pod ends: retried in place when it fails, never restarted when it succeeds.
      ...(spec.workload === 'CronJob' ? { restartPolicy: 'OnFailure' } : {}),
      ...(initContainers.length > 0 ? { initContainers } : {}),
      containers: [container],
      ...(volumes.length > 0 ? { volumes } : {}),
      ...(podAffinity ? { affinity: podAffinity } : {}),
      ...(podTolerations ? { tolerations: podTolerations } : {}),
    },
  };
}
