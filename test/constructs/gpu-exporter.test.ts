import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { Construct } from 'constructs';
import { counter, GpuExporter, histogram } from '../../constructs';
import { renderCompose } from '../../src/render/compose/renderer';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { tempDir, writeFiles } from '../helpers/cli';
import { findManifest, manifests, stackOf } from '../helpers/stack';
import { requireTool } from '../helpers/tools';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

describe('gpu-exporter', () => {
  it('runs only on nodes some labeller marks as having an NVIDIA GPU, tolerating their taint', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      const ds = findManifest(manifests(renderKubernetes(stackOf(env)).get('gpu-exporter.yaml')!), 'DaemonSet', 'gpu-exporter');
      const pod = ds.spec.template.spec;
      assert.equal(pod.nodeSelector, undefined);
      const terms = pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
      assert.deepEqual(terms[0], { matchExpressions: [{ key: 'nvidia.com/gpu.present', operator: 'In', values: ['true'] }] });
      assert.ok(terms.some((t: Doc) => t.matchExpressions[0].key === 'feature.node.kubernetes.io/pci-10de.present'));
      assert.equal(pod.affinity.podAntiAffinity, undefined);
      assert.deepEqual(pod.tolerations, [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    }
  });

  it('runs as root with no added capability, read-only, without profiling metrics', () => {
    const docs = manifests(renderKubernetes(stackOf('prod')).get('gpu-exporter.yaml')!);
    const ds = findManifest(docs, 'DaemonSet', 'gpu-exporter');
    const container = ds.spec.template.spec.containers[0];
    assert.deepEqual(container.securityContext.capabilities, { drop: ['ALL'] });
    assert.equal(container.securityContext.privileged, undefined);
    assert.equal(container.securityContext.readOnlyRootFilesystem, true);
    assert.equal(ds.metadata.annotations?.['monstack.dev/exceptions'], 'runAsNonRoot');
    assert.deepEqual(container.command, ['/usr/bin/dcgm-exporter']);
    assert.deepEqual(container.ports, [{ name: 'metrics', containerPort: 9400, protocol: 'TCP' }]);
    assert.equal(container.livenessProbe.httpGet.path, '/health');
    const csv: string = findManifest(docs, 'ConfigMap', 'gpu-exporter-counters').data['counters.csv'];
    assert.match(csv, /^DCGM_FI_DEV_GPU_UTIL, gauge, /m);
    assert.doesNotMatch(csv, /DCGM_FI_PROF_/);
  });

  it('is in the gpu compose profile with an NVIDIA device reservation', () => {
    const svc = (yaml.load(renderCompose(stackOf('dev')).get('docker-compose.monitoring.yml')!) as Doc).services['gpu-exporter'];
    assert.deepEqual(svc.profiles, ['gpu']);
    assert.deepEqual(svc.deploy.resources.reservations.devices, [{ driver: 'nvidia', count: 'all', capabilities: ['gpu'] }]);
    assert.equal(svc.healthcheck.test[1], 'bash');
    assert.equal(svc.user, '0:0');
  });

  it('labels its scrape target optional so target-down alerts can leave it out, in both targets', () => {
    const stack = stackOf('dev');
    const compose: Doc = yaml.load(renderCompose(stack).get('config/prometheus-config/prometheus.yml')!);
    const job = compose.scrape_configs.find((j: Doc) => j.job_name === 'gpu-exporter');
    assert.deepEqual(job.static_configs, [{ targets: ['gpu-exporter:9400'] }]);
    assert.deepEqual(job.relabel_configs, [{ target_label: 'optional', replacement: 'true' }]);
    const cm = findManifest(manifests(renderKubernetes(stack).get('prometheus.yaml')!), 'ConfigMap', 'prometheus-config');
    const k8sJob = (yaml.load(cm.data['prometheus.yml']) as Doc).scrape_configs.find((j: Doc) => j.job_name === 'gpu-exporter');
    assert.deepEqual(k8sJob.relabel_configs.at(-1), { target_label: 'optional', replacement: 'true' });
    const others = compose.scrape_configs.filter((j: Doc) => j.job_name !== 'gpu-exporter');
    assert.ok(others.every((j: Doc) => !JSON.stringify(j).includes('"optional"')));
  });

  it('refuses counters dcgm-exporter cannot export', () => {
    const scope = () => new Construct(undefined as never, '');
    assert.throws(() => new GpuExporter(scope(), 'g', { counters: [histogram('DCGM_FI_DEV_GPU_UTIL', [])] }), /must be a gauge or a counter/);
    assert.throws(() => new GpuExporter(scope(), 'g', { counters: [counter('gpu_util', [])] }), /not a DCGM field name/);
  });

  it('docker-compose 1.29 accepts the file with and without the gpu profile', () => {
    const dir = tempDir('monstack-gpu-');
    try {
      writeFiles(dir, renderCompose(stackOf('prod')));
      // Every variable the file insists on (`${NAME:?…}`) gets a dummy value; the test is about the profile.
      const composeText = fs.readFileSync(path.join(dir, 'docker-compose.monitoring.yml'), 'utf8');
      const required = [...composeText.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]);
      const env = { ...process.env, ...Object.fromEntries(required.map((name) => [name, 'x'])) };
      for (const profile of [[], ['--profile', 'gpu']]) {
        const r = spawnSync(requireTool('docker-compose'), ['-f', path.join(dir, 'docker-compose.monitoring.yml'), ...profile, 'config', '-q'], { encoding: 'utf8', env });
        assert.equal(r.status, 0, `${profile.join(' ')}: ${r.stderr}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
