import { Construct } from 'constructs';
import { Component, ComponentProps, mergeResources, resources } from '../component';
import { httpCheckCommand } from '../image-facts';
import { IMAGE_FACTS, IMAGES } from '../images';
import { ServiceSpec } from '../service';
import { ComponentSettingsDeclaration, KEEPS_NO_DATA, ONE_PER_HOST } from '../settings';

/** What an environment may set on node-exporter (see settings.ts). */
export const NODE_EXPORTER_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.nodeExporter,
  resources: resources('50m', '64Mi', '250m', '180Mi'),
  scrapeJobs: ['node-exporter'],
  needs: [{ component: 'prometheus', why: 'it collects for Prometheus only' }],
  without: { replicas: ONE_PER_HOST, storage: KEEPS_NO_DATA, retention: KEEPS_NO_DATA },
};

/** What it takes besides an image and resources: nothing. */
export type NodeExporterProps = ComponentProps;

const DEFAULTS = Object.freeze({
  image: NODE_EXPORTER_SETTINGS.image,
  resources: NODE_EXPORTER_SETTINGS.resources,
});

const PORT = 9100;

/** Host metrics (CPU, memory, disks, network) from every node: one copy per host. */
export class NodeExporter extends Component {
  readonly serviceName = 'node-exporter';
  private readonly props: NodeExporterProps;

  constructor(scope: Construct, id: string, props: NodeExporterProps = {}) {
    super(scope, id);
    this.props = props;
  }

  describe(): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    return {
      name: this.serviceName,
      description: 'Host metrics: CPU, memory, filesystems, network',
      image: p.image,
      workload: 'DaemonSet',
      replicas: 1,
      args: [
        '--path.procfs=/host/proc',
        '--path.sysfs=/host/sys',
        '--path.rootfs=/host/root',
        // The host's udev database names disks (device model, serial, WWN): the default /run/udev/data is
        // the container's own, which is empty.
        '--path.udev.data=/host/root/run/udev/data',
        `--web.listen-address=:${PORT}`,
        // Container runtimes' and kubelet's own mounts would double-count the host's disks.
        '--collector.filesystem.mount-points-exclude=^/(dev|proc|sys|run/containerd/.+|var/lib/docker/.+|var/lib/kubelet/.+)($|/)',
        '--collector.filesystem.fs-types-exclude=^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$',
      ],
      ports: [{ name: 'metrics', port: PORT }],
      health: { port: 'metrics', path: '/', command: httpCheckCommand(IMAGE_FACTS.nodeExporter, PORT, '/') },
      resources: mergeResources(DEFAULTS.resources, this.props.resources),
      user: 65534,
      group: 65534,
      hostMounts: [
        { name: 'proc', hostPath: '/proc', mountPath: '/host/proc' },
        { name: 'sys', hostPath: '/sys', mountPath: '/host/sys' },
        { name: 'root', hostPath: '/', mountPath: '/host/root' },
      ],
      privileges: {
        hostPID: 'sees every process of the host for the process and pressure collectors',
        hostNetwork: 'reports the host network interfaces, not the pod\'s',
        hostMounts: 'reads /proc, /sys and the root filesystem of the host, read-only',
      },
      scrape: [{ job: 'node-exporter', port: 'metrics' }],
    };
  }
}
