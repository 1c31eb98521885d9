/**
 * cAdvisor's series reach Prometheus with the labels the alerts and the Containers dashboard read: a real
 * Prometheus scrapes cAdvisor-shaped series (container_label_* as cAdvisor v0.60 exposes them) with the
 * rendered job's metric relabelling, and the ContainerMemoryNearLimit expression finds the containers.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { CADVISOR_METRICS } from '../../constructs';
import { PrometheusConfigShape, scrapeJobsOf } from '../../src/checks/scrape-labels';
import { knownLabels } from '../../src/promql/types';
import { renderCompose } from '../../src/render/compose/renderer';
import { requireTool } from '../helpers/tools';
import { stopChild } from '../helpers/child-processes';
import { findManifest, kubernetesObjects, stackOf } from '../helpers/stack';
import { tempDir } from '../helpers/temp';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

const TRAINER = 'container_label_io_kubernetes_container_name="trainer",container_label_io_kubernetes_pod_name="trainer-0",container_label_io_kubernetes_pod_namespace="fedrl",id="/kubepods/burstable/pod1/4f2a",image="ghcr.io/fedrl/trainer:1.0",name="4f2a"';
const GRAFANA = 'container_label_com_docker_compose_project="monstack",container_label_com_docker_compose_service="grafana",id="/docker/9c1e",image="grafana/grafana:13.2.0",name="monstack_grafana_1"';
const EXPOSITION = [
  `container_memory_working_set_bytes{${TRAINER}} 95`,
  `container_spec_memory_limit_bytes{${TRAINER}} 100`,
  `container_memory_working_set_bytes{${GRAFANA}} 91`,
  `container_spec_memory_limit_bytes{${GRAFANA}} 100`,
  // The root cgroup: no container labels.
  'container_memory_working_set_bytes{id="/"} 5000',
  'container_spec_memory_limit_bytes{id="/"} 0',
  '',
].join('\n');

function cadvisorJob(config: Doc): Doc {
  return config.scrape_configs.find((j: Doc) => j.job_name === 'cadvisor');
}

function alertExpr(ruleFiles: Record<string, string>, name: string): string {
  for (const text of Object.values(ruleFiles)) {
    for (const group of (yaml.load(text) as Doc).groups) for (const rule of group.rules) if (rule.alert === name) return rule.expr;
  }
  throw new Error(`no alert ${name}`);
}

describe('cAdvisor labels, through a real Prometheus', () => {
  const dir = tempDir('monstack-cadvisor-');
  let exporter: http.Server;
  let prometheus: ReturnType<typeof spawn>;
  let api = '';

  before(async () => {
    exporter = http.createServer((_, res) => res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' }).end(EXPOSITION));
    await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));
    const target = `127.0.0.1:${(exporter.address() as AddressInfo).port}`;
    const rendered = yaml.load(renderCompose(stackOf('dev')).get('config/prometheus-config/prometheus.yml')!) as Doc;
    const job = { job_name: 'cadvisor', scrape_interval: '1s', static_configs: [{ targets: [target] }], metric_relabel_configs: cadvisorJob(rendered).metric_relabel_configs };
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), yaml.dump({ global: { scrape_interval: '1s' }, scrape_configs: [job] }));
    // A free port for Prometheus' API.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    api = `http://127.0.0.1:${port}`;
    prometheus = spawn(requireTool('prometheus'), [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ], { stdio: 'ignore' });
  });

  after(async () => {
    await stopChild(prometheus);
    exporter?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function query(expr: string): Promise<Doc[]> {
    for (let attempt = 0; attempt < 60; attempt++) {
      try {
        const res = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(expr)}`);
        const body = (await res.json()) as Doc;
        if (body.status === 'success' && body.data.result.length > 0) return body.data.result;
      } catch {
        // not up yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return [];
  }

  it('the same relabelling in both targets', () => {
    const cm = findManifest(kubernetesObjects(stackOf('dev'), 'prometheus'), 'ConfigMap', 'prometheus-config');
    const k8s = cadvisorJob(yaml.load(cm.data['prometheus.yml']) as Doc);
    const compose = cadvisorJob(yaml.load(renderCompose(stackOf('dev')).get('config/prometheus-config/prometheus.yml')!) as Doc);
    assert.deepEqual(k8s.metric_relabel_configs, compose.metric_relabel_configs);
  });

  it('ContainerMemoryNearLimit finds the Kubernetes container and the compose service', async () => {
    const stack = stackOf('dev');
    const rules = Object.fromEntries(stack.prometheus!.renderedRuleFiles);
    const found = await query(alertExpr(rules, 'ContainerMemoryNearLimit'));
    const labels = found.map((r) => r.metric).sort((a: Doc, b: Doc) => a.container.localeCompare(b.container));
    assert.equal(labels.length, 2, JSON.stringify(found));
    assert.deepEqual([labels[0].container, labels[0].namespace, labels[0].pod], ['grafana', 'monstack', undefined]);
    assert.deepEqual([labels[1].container, labels[1].namespace, labels[1].pod], ['trainer', 'fedrl', 'trainer-0']);
    // The raw container labels are dropped once copied.
    assert.ok(!Object.keys(labels[1]).some((l) => l.startsWith('container_label_')));
  });

  it('stores the labels the synth-time check derives from the catalogue and the relabelling', async () => {
    const [series] = await query('container_memory_working_set_bytes{container="trainer"}');
    const stored = Object.keys(series.metric).filter((l) => l !== '__name__').sort();
    const config = yaml.load(fs.readFileSync(path.join(dir, 'prometheus.yml'), 'utf8')) as PrometheusConfigShape;
    const family = CADVISOR_METRICS.find((m) => m.name === 'container_memory_working_set_bytes')!;
    const derived = scrapeJobsOf(config).get('cadvisor')!.seriesLabels(knownLabels(family.labels!));
    assert.equal(derived.open, false);
    assert.deepEqual([...derived.names].sort(), stored);
  });
});
