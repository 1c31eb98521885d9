import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { ComposePlatform } from '../../src/render/compose/platform';
import { KubernetesPlatform } from '../../src/render/kubernetes/platform';
import { composeServices, findManifest, kubernetesObjects, mainContainer, stackFromYaml, stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = any;

const stageNames = (job: Config) => job.pipeline_stages.map((s: object) => Object.keys(s)[0]);

describe('Promtail', () => {
  it('runs on every node, reading /var/log/pods, with pod discovery filtered to its own node', () => {
    const docs = kubernetesObjects(stackOf('prod'), 'promtail');
    const ds = findManifest(docs, 'DaemonSet', 'promtail');
    const container = mainContainer(ds);
    const hostname = container.env.find((e: Config) => e.name === 'HOSTNAME');
    assert.deepEqual(hostname.valueFrom, { fieldRef: { fieldPath: 'spec.nodeName' } });
    const volumes = ds.spec.template.spec.volumes;
    assert.ok(volumes.some((v: Config) => v.hostPath?.path === '/var/log/pods'));
    const logsMount = container.volumeMounts.find((m: Config) => m.mountPath === '/var/log/pods');
    assert.equal(logsMount.readOnly, true);
    // Positions survive a restart of the pod: a host directory, created on first use.
    const positions = volumes.find((v: Config) => v.hostPath?.path === '/var/lib/monstack/promtail');
    assert.equal(positions.hostPath.type, 'DirectoryOrCreate');
    const config: Config = yaml.load(findManifest(docs, 'ConfigMap', 'promtail-config').data['promtail.yaml']);
    assert.equal(config.positions.filename, '/run/promtail/positions.yaml');
    const relabel = config.scrape_configs[0].relabel_configs;
    assert.ok(relabel.some((r: Config) => r.target_label === '__host__' && r.source_labels[0] === '__meta_kubernetes_pod_node_name'));
  });

  it('may only read pods and nodes from the API', () => {
    const docs = kubernetesObjects(stackOf('dev'), 'promtail');
    const role = findManifest(docs, 'ClusterRole', 'monstack-monitoring-promtail');
    assert.deepEqual(role.rules, [{ apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }]);
    assert.equal(findManifest(docs, 'DaemonSet', 'promtail').spec.template.spec.serviceAccountName, 'promtail');
  });

  it('unwraps CRI lines in Kubernetes, then parses the JSON lines of the guide', () => {
    const config: Config = yaml.load(stackOf('dev').promtail!.renderConfig(new KubernetesPlatform('monitoring')));
    assert.deepEqual(stageNames(config.scrape_configs[0]), ['cri', 'json', 'timestamp', 'labels', 'structured_metadata']);
    const stages = Object.assign({}, ...config.scrape_configs[0].pipeline_stages);
    assert.deepEqual(Object.keys(stages.json.expressions).sort(), ['agent_id', 'level', 'logger', 'request_id', 'timestamp', 'trace_id']);
    assert.deepEqual(Object.keys(stages.labels).sort(), ['agent_id', 'level', 'logger']);
    // request_id is unique per request: never a label.
    assert.ok(!('request_id' in stages.labels));
    assert.deepEqual(Object.keys(stages.structured_metadata).sort(), ['request_id', 'trace_id']);
  });

  it('labels every stream with job, namespace, pod and container', () => {
    const k8s: Config = yaml.load(stackOf('dev').promtail!.renderConfig(new KubernetesPlatform('monitoring')));
    const targets = k8s.scrape_configs[0].relabel_configs.map((r: Config) => r.target_label);
    for (const label of ['job', 'namespace', 'pod', 'container']) assert.ok(targets.includes(label), `${label} in ${targets}`);
    const compose: Config = yaml.load(stackOf('dev').promtail!.renderConfig(new ComposePlatform()));
    const job = compose.scrape_configs[0].relabel_configs.find((r: Config) => r.target_label === 'job');
    assert.deepEqual(job.source_labels, ['__meta_docker_container_label_com_docker_compose_service']);
  });

  it('discovers containers through the Docker socket, read-only, in compose; the API streams plain lines', () => {
    const config: Config = yaml.load(stackOf('dev').promtail!.renderConfig(new ComposePlatform()));
    const job = config.scrape_configs[0];
    assert.equal(job.docker_sd_configs[0].host, 'unix:///var/run/docker.sock');
    assert.deepEqual(stageNames(job), ['json', 'timestamp', 'labels', 'structured_metadata']);
    const service = composeServices(stackOf('dev')).promtail;
    assert.ok(service.volumes.includes('/var/run/docker.sock:/var/run/docker.sock:ro'));
    assert.ok(service.volumes.includes('promtail-data:/run/promtail'));
    assert.equal(service.read_only, true);
  });

  it('pushes to Loki and waits for it', () => {
    const stack = stackOf('dev');
    const config: Config = yaml.load(stack.promtail!.renderConfig(new ComposePlatform()));
    assert.deepEqual(config.clients.map((c: Config) => c.url), ['http://loki:3100/loki/api/v1/push']);
    assert.deepEqual(composeServices(stack).promtail.depends_on, { loki: { condition: 'service_healthy' } });
  });

  it('refuses to run without Loki', () => {
    assert.throws(() => stackFromYaml('extends: dev\ncomponents:\n  loki:\n    enabled: false\n'), /loki is disabled, but components\.promtail \(it ships every log line to Loki/);
  });
});
