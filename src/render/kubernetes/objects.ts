/** The Kubernetes objects of one service: configuration, identity, workload, Services, disruption budget. */
import { k8s } from './k8s';
import { ManifestFile } from './manifest-file';
import { ResolvedServiceSpec, ServicePort } from '../../../constructs';
import { ResolvedClusterSettings } from '../../config/cluster-settings';
import { commonLabels, DATA_VOLUME, dataClaimName, peerServiceName, selectorLabels } from './names';
import { exceptionsAnnotation, podTemplate } from './pod';

export function renderService(file: ManifestFile, spec: ResolvedServiceSpec, namespace: string, cluster: ResolvedClusterSettings): void {
  // The component's own class, else the environment's, else the cluster's default (no field).
  const storageClass = (cluster.storageClasses as Record<string, string | undefined>)[spec.name] ?? cluster.storageClass;
  const labels = commonLabels(spec.name);
  const meta = (name: string, extra: Record<string, string> = {}) => ({ name, namespace, labels: { ...labels, ...extra } });

  for (const bundle of spec.configs) {
    file.add(k8s.KubeConfigMap, { metadata: meta(bundle.name, bundle.labels), data: { ...bundle.files } });
  }

  const serviceAccount = spec.apiAccess.length > 0 ? renderAccess(file, spec, namespace) : undefined;

  if (spec.data && spec.workload === 'Deployment') {
    file.add(k8s.KubePersistentVolumeClaim, {
      metadata: meta(dataClaimName(spec.name)),
      spec: claimSpec(spec.data.size, storageClass),
    });
  }

  const template = podTemplate(spec, serviceAccount, cluster.gpuExporter);
  const selector = { matchLabels: selectorLabels(spec.name) };
  const annotations = exceptionsAnnotation(spec);
  const workloadMeta = { ...meta(spec.name), ...(Object.keys(annotations).length > 0 ? { annotations } : {}) };
  switch (spec.workload) {
    case 'Deployment':
      file.add(k8s.KubeDeployment, {
        metadata: workloadMeta,
        spec: {
          replicas: spec.replicas,
          selector,
          // A ReadWriteOnce volume cannot be attached to the old and the new pod at once.
          strategy: spec.data ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(0) } },
          template,
        },
      });
      break;
    case 'StatefulSet':
      file.add(k8s.KubeStatefulSet, {
        metadata: workloadMeta,
        spec: {
          replicas: spec.replicas,
          serviceName: spec.peerDiscovery ? peerServiceName(spec.name) : spec.name,
          // Cluster members must all start to find each other; order buys nothing.
          podManagementPolicy: 'Parallel',
          selector,
          template,
          ...(spec.data
            ? {
                volumeClaimTemplates: [
                  { metadata: { name: DATA_VOLUME, labels }, spec: claimSpec(spec.data.size, storageClass) },
                ],
              }
            : {}),
        },
      });
      break;
    case 'DaemonSet':
      file.add(k8s.KubeDaemonSet, {
        metadata: workloadMeta,
        spec: { selector, updateStrategy: { type: 'RollingUpdate' }, template },
      });
      break;
    case 'CronJob':
      file.add(k8s.KubeCronJob, {
        metadata: workloadMeta,
        spec: {
          schedule: spec.schedule!.cron,
          timeZone: 'Etc/UTC',
          // A run still going when the next is due is left to finish; two would race on the same indices.
          concurrencyPolicy: 'Forbid',
          // A missed run (controller down) is made up within the hour, later ones wait for the next day.
          startingDeadlineSeconds: 3600,
          successfulJobsHistoryLimit: 1,
          failedJobsHistoryLimit: 3,
          jobTemplate: { spec: { backoffLimit: 3, activeDeadlineSeconds: 3600, template } },
        },
      });
      break;
  }

  const servicePorts = spec.ports.filter((p) => !p.peerOnly && !p.probeOnly);
  if (servicePorts.length > 0) {
    file.add(k8s.KubeService, {
      metadata: meta(spec.name),
      spec: {
        selector: selectorLabels(spec.name),
        ports: servicePorts.map(servicePort),
      },
    });
  }
  if (spec.peerDiscovery) {
    file.add(k8s.KubeService, {
      metadata: meta(peerServiceName(spec.name)),
      spec: {
        clusterIp: 'None',
        // Peers must find each other before any is ready: a cluster forms, then turns ready.
        publishNotReadyAddresses: true,
        selector: selectorLabels(spec.name),
        ports: spec.ports.filter((p) => !p.probeOnly).map(servicePort),
      },
    });
  }

  if (spec.workload !== 'DaemonSet' && spec.replicas > 1) {
    file.add(k8s.KubePodDisruptionBudget, {
      metadata: meta(spec.name),
      spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector },
    });
  }
}

function claimSpec(size: string, storageClass: string | undefined): k8s.PersistentVolumeClaimSpec {
  return {
    accessModes: ['ReadWriteOnce'],
    ...(storageClass ? { storageClassName: storageClass } : {}),
    resources: { requests: { storage: k8s.Quantity.fromString(size) } },
  };
}

function servicePort(port: ServicePort): k8s.ServicePort {
  return { name: port.name, port: port.port, targetPort: k8s.IntOrString.fromString(port.name), protocol: port.protocol ?? 'TCP' };
}

/** A ServiceAccount with exactly the API access the service states: cluster-wide reads, nothing else. */
function renderAccess(file: ManifestFile, spec: ResolvedServiceSpec, namespace: string): string {
  const name = spec.name;
  const labels = commonLabels(name);
  file.add(k8s.KubeServiceAccount, { metadata: { name, namespace, labels }, automountServiceAccountToken: false });
  const roleName = `monstack-${namespace}-${name}`;
  file.add(k8s.KubeClusterRole, {
    metadata: { name: roleName, labels },
    rules: spec.apiAccess.map((a) => ({
      apiGroups: a.nonResourceURLs ? undefined : [...a.apiGroups],
      resources: a.nonResourceURLs ? undefined : [...a.resources],
      nonResourceUrLs: a.nonResourceURLs ? [...a.nonResourceURLs] : undefined,
      verbs: [...a.verbs],
    })),
  });
  file.add(k8s.KubeClusterRoleBinding, {
    metadata: { name: roleName, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
    subjects: [{ kind: 'ServiceAccount', name, namespace }],
  });
  return name;
}
