/**
 * Probes with the semantics the programs' own charts use: liveness says the process is alive, readiness
 * that it can serve, a start-up budget where starting takes long.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeServices, findManifest, kubernetesObjects, mainContainer, stackOf } from '../helpers/stack';

function container(env: string, service: string, kind = 'StatefulSet') {
  return mainContainer(findManifest(kubernetesObjects(stackOf(env), service), kind, service));
}

const budget = (probe: { periodSeconds: number; failureThreshold: number }) => probe.periodSeconds * probe.failureThreshold;

describe('probes', () => {
  it('Prometheus: alive on /-/healthy, ready on /-/ready, with 30 minutes to replay its WAL', () => {
    const c = container('prod', 'prometheus');
    assert.equal(c.livenessProbe.httpGet.path, '/-/healthy');
    assert.equal(c.readinessProbe.httpGet.path, '/-/ready');
    assert.equal(c.startupProbe.httpGet.path, '/-/ready');
    assert.ok(budget(c.startupProbe) >= 1800, `start-up budget ${budget(c.startupProbe)}s`);
    // Liveness counts only after the start-up probe passed: no failure budget spent on the replay.
    assert.equal(c.livenessProbe.initialDelaySeconds, 0);
  });

  it('Prometheus in compose: the replay falls in the start period, not in the retries', () => {
    const check = composeServices(stackOf('prod')).prometheus.healthcheck;
    assert.ok(parseInt(check.start_period, 10) >= 1800, check.start_period);
  });

  it('Alertmanager: alive on /-/healthy, ready on /-/ready', () => {
    const c = container('prod', 'alertmanager');
    assert.equal(c.livenessProbe.httpGet.path, '/-/healthy');
    assert.equal(c.readinessProbe.httpGet.path, '/-/ready');
  });

  it('Loki and Promtail: readiness only, as their charts ship no liveness probe', () => {
    const loki = container('prod', 'loki');
    assert.equal(loki.readinessProbe.httpGet.path, '/ready');
    assert.equal(loki.livenessProbe, undefined);
    const promtail = container('prod', 'promtail', 'DaemonSet');
    assert.equal(promtail.readinessProbe.httpGet.path, '/ready');
    assert.equal(promtail.livenessProbe, undefined);
  });

  it('Elasticsearch: ready when joined (the readiness port), alive on its HTTP port, 5 minutes to start', () => {
    for (const env of ['dev', 'prod']) {
      const c = container(env, 'elasticsearch');
      const env_ = Object.fromEntries((c.env as { name: string; value?: string }[]).map((e) => [e.name, e.value]));
      assert.equal(env_['readiness.port'], '8080');
      assert.deepEqual(c.readinessProbe.exec.command, ['bash', '-c', 'nc -z -w 5 127.0.0.1 8080']);
      assert.ok(c.ports.some((p: { name: string; containerPort: number }) => p.name === 'readiness' && p.containerPort === 8080));
      assert.deepEqual(c.livenessProbe.tcpSocket, { port: 'http' });
      assert.deepEqual(c.startupProbe.tcpSocket, { port: 'http' });
      assert.ok(budget(c.startupProbe) >= 300);
    }
    // The readiness port is the kubelet's: in no Service.
    const docs = kubernetesObjects(stackOf('prod'), 'elasticsearch');
    for (const name of ['elasticsearch', 'elasticsearch-peers']) {
      assert.ok(!findManifest(docs, 'Service', name).spec.ports.some((p: { port: number }) => p.port === 8080));
    }
  });

  it('Kibana: readiness on /login, liveness on the port (an Elasticsearch outage is not cured by a restart)', () => {
    const c = container('prod', 'kibana', 'Deployment');
    assert.equal(c.readinessProbe.httpGet.path, '/login');
    assert.deepEqual(c.livenessProbe.tcpSocket, { port: 'http' });
  });
});
