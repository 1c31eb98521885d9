import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { ComposePlatform } from '../../src/render/compose/platform';
import { KubernetesPlatform } from '../../src/render/kubernetes/platform';
import { composeServices, findManifest, kubernetesObjects, kubernetesSpecs, mainContainer, specNamed, stackFromYaml, stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = any;

const backend = (config: Config) => config.extensions.jaeger_storage.backends.traces;

describe('Jaeger', () => {
  it('keeps spans in memory in dev', () => {
    const config: Config = yaml.load(stackOf('dev').jaeger!.renderConfig(new KubernetesPlatform('monitoring')));
    assert.deepEqual(Object.keys(backend(config)), ['memory']);
    assert.equal(config.exporters.jaeger_storage_exporter.trace_storage, 'traces');
  });

  for (const env of ['staging', 'prod']) {
    it(`keeps spans in Elasticsearch in ${env}, with the password from the Secret`, () => {
      const config: Config = yaml.load(stackOf(env).jaeger!.renderConfig(new KubernetesPlatform('monitoring')));
      const es = backend(config).elasticsearch;
      assert.deepEqual(es.server_urls, ['http://elasticsearch:9200']);
      assert.equal(es.auth.basic.password, '${env:ES_PASSWORD}');
      // Three nodes carry one replica of each index.
      assert.equal(es.indices.spans.replicas, 1);
      const container = mainContainer(findManifest(kubernetesObjects(stackOf(env), 'jaeger'), 'Deployment', 'jaeger'));
      const password = container.env.find((e: Config) => e.name === 'ES_PASSWORD');
      assert.deepEqual(password.valueFrom, { secretKeyRef: { name: 'elasticsearch', key: 'elastic-password' } });
    });
  }

  it('asks a single compose node for no index replicas', () => {
    const config: Config = yaml.load(stackOf('prod').jaeger!.renderConfig(new ComposePlatform()));
    assert.equal(backend(config).elasticsearch.indices.spans.replicas, 0);
  });

  it('keeps spans in memory where the environment turns Elasticsearch off and says so', () => {
    const stack = stackFromYaml('extends: prod\ntracing:\n  storage: memory\ncomponents:\n  elasticsearch:\n    enabled: false\n  elasticsearch-exporter:\n    enabled: false\n  logstash:\n    enabled: false\n  logstash-exporter:\n    enabled: false\n  kibana:\n    enabled: false\n');
    const config: Config = yaml.load(stack.jaeger!.renderConfig(new ComposePlatform()));
    assert.deepEqual(Object.keys(backend(config)), ['memory']);
  });

  it('receives OTLP on 4317/4318, serves its UI on 16686, and is probed through healthcheckv2', () => {
    const config: Config = yaml.load(stackOf('dev').jaeger!.renderConfig(new ComposePlatform()));
    assert.equal(config.receivers.otlp.protocols.grpc.endpoint, '0.0.0.0:4317');
    assert.equal(config.receivers.otlp.protocols.http.endpoint, '0.0.0.0:4318');
    assert.equal(config.extensions.jaeger_query.http.endpoint, '0.0.0.0:16686');
    assert.ok(config.service.extensions.includes('healthcheckv2'));
    const container = mainContainer(findManifest(kubernetesObjects(stackOf('dev'), 'jaeger'), 'Deployment', 'jaeger'));
    assert.deepEqual(container.readinessProbe.httpGet, { path: '/status', port: 'health' });
    assert.equal(container.ports.find((p: Config) => p.name === 'health').containerPort, 13133);
    const service = composeServices(stackOf('dev')).jaeger;
    assert.deepEqual(service.ports, ['127.0.0.1:16686:16686', '127.0.0.1:4317:4317', '127.0.0.1:4318:4318']);
    assert.deepEqual(service.healthcheck.test, ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:13133/status']);
  });

  it('exposes its own metrics to Prometheus on 8888', () => {
    const stack = stackOf('dev');
    const config: Config = yaml.load(stack.jaeger!.renderConfig(new ComposePlatform()));
    assert.equal(config.service.telemetry.metrics.readers[0].pull.exporter.prometheus.port, 8888);
    const prometheus: Config = yaml.load(stack.prometheus!.renderConfig(new ComposePlatform()));
    const job = prometheus.scrape_configs.find((j: Config) => j.job_name === 'jaeger');
    assert.deepEqual(job.static_configs, [{ targets: ['jaeger:8888'] }]);
  });
});

describe('Jaeger waits for Elasticsearch, run by dash and wget against a server that asks for credentials', () => {
  const password = `p@ss:w/rd'"$x%`;
  const authorized = `Basic ${Buffer.from(`elastic:${password}`).toString('base64')}`;

  async function runWait(withPassword: string): Promise<{ code: number | null; paths: string[] }> {
    const paths: string[] = [];
    const server = http.createServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(req.headers.authorization === authorized ? 200 : 401).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const setup = specNamed(kubernetesSpecs('prod'), 'jaeger').setup!;
      const script = setup.command[2].replaceAll('http://elasticsearch:9200', `http://127.0.0.1:${port}`);
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn('timeout', ['3', 'dash', '-c', script], { env: { PATH: process.env.PATH, ES_PASSWORD: withPassword }, stdio: 'ignore' });
        child.on('exit', (c) => resolve(c));
      });
      return { code, paths };
    } finally {
      server.close();
    }
  }

  it('passes once the cluster answers to the right password (any character in it)', async () => {
    const { code, paths } = await runWait(password);
    assert.equal(code, 0);
    assert.deepEqual(paths, ['/_cluster/health?wait_for_status=yellow&timeout=5s']);
  });

  it('keeps waiting while the answer is an error', async () => {
    const { code, paths } = await runWait('wrong');
    assert.equal(code, 124, 'timeout ended the loop');
    assert.ok(paths.length >= 1);
  });
});
