import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { renderCompose } from '../../src/render/compose/renderer';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { findManifest, manifests, stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

const composeOf = (env: string): Doc => yaml.load(renderCompose(stackOf(env)).get('docker-compose.monitoring.yml')!);

describe('cAdvisor', () => {
  it('runs on every node as root, unprivileged, with the containerd paths read-only, waived by name', () => {
    const ds = findManifest(manifests(renderKubernetes(stackOf('prod')).get('cadvisor.yaml')!), 'DaemonSet', 'cadvisor');
    const pod = ds.spec.template.spec;
    const container = pod.containers[0];
    const hostPaths = pod.volumes.filter((v: Doc) => v.hostPath).map((v: Doc) => v.hostPath.path);
    assert.deepEqual(hostPaths, ['/', '/var/run', '/sys', '/var/lib/containerd', '/dev/disk']);
    assert.ok(!hostPaths.includes('/var/lib/docker'), 'Kubernetes nodes run containerd, not Docker');
    const hostMountNames = new Set(pod.volumes.filter((v: Doc) => v.hostPath).map((v: Doc) => v.name));
    assert.ok(container.volumeMounts.filter((m: Doc) => hostMountNames.has(m.name)).every((m: Doc) => m.readOnly === true));
    assert.equal(container.securityContext.runAsUser, 0);
    assert.equal(container.securityContext.privileged, undefined);
    assert.equal(container.securityContext.allowPrivilegeEscalation, false);
    assert.deepEqual(container.securityContext.capabilities, { drop: ['ALL'] });
    assert.equal(container.securityContext.readOnlyRootFilesystem, true);
    assert.equal(pod.hostPID, undefined);
    assert.equal(pod.hostNetwork, undefined);
    assert.equal(ds.metadata.annotations?.['monstack.dev/exceptions'], 'runAsNonRoot,hostPath');
    assert.equal(container.readinessProbe.httpGet.path, '/healthz');
  });

  it('keeps cardinality down: containers only, no per-CPU or socket series, no labels beyond the kept few', () => {
    const ds = findManifest(manifests(renderKubernetes(stackOf('dev')).get('cadvisor.yaml')!), 'DaemonSet', 'cadvisor');
    const args: string[] = ds.spec.template.spec.containers[0].args;
    assert.ok(args.includes('--docker_only=true'));
    assert.ok(args.includes('--store_container_labels=false'));
    const disabled = args.find((a) => a.startsWith('--disable_metrics='))!.split('=')[1].split(',');
    for (const group of ['percpu', 'process', 'tcp', 'udp', 'sched']) assert.ok(disabled.includes(group), group);
    for (const kept of ['cpu', 'memory', 'network', 'diskIO', 'disk']) assert.ok(!disabled.includes(kept), kept);
    const kept = args.find((a) => a.startsWith('--whitelisted_container_labels='))!;
    assert.match(kept, /io\.kubernetes\.pod\.name/);
    assert.match(kept, /com\.docker\.compose\.service/);
  });

  it('reads Docker in compose, read-only, as root without extra privileges, with a wget healthcheck (alpine busybox)', () => {
    const svc = composeOf('dev').services.cadvisor;
    assert.deepEqual(svc.volumes, ['/:/rootfs:ro', '/var/run:/var/run:ro', '/sys:/sys:ro', '/var/lib/docker:/var/lib/docker:ro', '/dev/disk:/dev/disk:ro']);
    assert.equal(svc.user, '0:0');
    assert.equal(svc.privileged, undefined);
    assert.deepEqual(svc.cap_drop, ['ALL']);
    assert.equal(svc.read_only, true);
    assert.deepEqual(svc.healthcheck.test, ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/healthz']);
  });

  it('is scraped as job cadvisor in both targets', () => {
    const stack = stackOf('staging');
    const compose: Doc = yaml.load(renderCompose(stack).get('config/prometheus-config/prometheus.yml')!);
    const job = compose.scrape_configs.find((j: Doc) => j.job_name === 'cadvisor');
    assert.deepEqual(job.static_configs, [{ targets: ['cadvisor:8080'] }]);
    const cm = findManifest(manifests(renderKubernetes(stack).get('prometheus.yaml')!), 'ConfigMap', 'prometheus-config');
    const k8sJob = (yaml.load(cm.data['prometheus.yml']) as Doc).scrape_configs.find((j: Doc) => j.job_name === 'cadvisor');
    assert.equal(k8sJob.relabel_configs[0].regex, 'cadvisor;http');
  });
});
