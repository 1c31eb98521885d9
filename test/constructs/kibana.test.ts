import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeServices, findManifest, kubernetesObjects, mainContainer, plainEnv, stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = any;

describe('Kibana', () => {
  it('connects to Elasticsearch as kibana_system with that user\'s password from the Secret', () => {
    const deployment = findManifest(kubernetesObjects(stackOf('prod'), 'kibana'), 'Deployment', 'kibana');
    const container = mainContainer(deployment);
    assert.equal(plainEnv(container).ELASTICSEARCH_USERNAME, 'kibana_system');
    assert.equal(plainEnv(container).ELASTICSEARCH_HOSTS, 'http://elasticsearch:9200');
    const password = container.env.find((e: Config) => e.name === 'ELASTICSEARCH_PASSWORD');
    assert.deepEqual(password.valueFrom, { secretKeyRef: { name: 'elasticsearch', key: 'kibana-system-password' } });
    // The superuser's password is the setup step's alone.
    assert.ok(!container.env.some((e: Config) => e.valueFrom?.secretKeyRef?.key === 'elastic-password'));
  });

  it('sets kibana_system\'s password through the Elasticsearch API before it starts (init container)', () => {
    const spec = findManifest(kubernetesObjects(stackOf('dev'), 'kibana'), 'Deployment', 'kibana').spec.template.spec;
    const setup = spec.initContainers.find((c: Config) => c.name === 'setup');
    assert.equal(setup.image, spec.containers[0].image);
    assert.match(setup.command[2], /_security\/user\/kibana_system\/_password/);
    assert.deepEqual(setup.env.map((e: Config) => e.valueFrom.secretKeyRef.key).sort(), ['elastic-password', 'kibana-system-password']);
    assert.equal(setup.securityContext.readOnlyRootFilesystem, true);
    assert.equal(setup.securityContext.runAsNonRoot, true);
  });

  it('waits in compose for a run-once setup service, which waits for Elasticsearch', () => {
    const services = composeServices(stackOf('dev'));
    assert.deepEqual(services.kibana.depends_on['kibana-setup'], { condition: 'service_completed_successfully' });
    assert.equal(services['kibana-setup'].restart, 'no');
    assert.deepEqual(services['kibana-setup'].depends_on, { elasticsearch: { condition: 'service_healthy' } });
  });

  it('publishes 5601 on the loopback address in compose and is probed on /login', () => {
    const kibana = composeServices(stackOf('dev')).kibana;
    assert.deepEqual(kibana.ports, ['127.0.0.1:5601:5601']);
    assert.equal(kibana.healthcheck.test.at(-1), 'http://127.0.0.1:5601/login');
    const container = mainContainer(findManifest(kubernetesObjects(stackOf('dev'), 'kibana'), 'Deployment', 'kibana'));
    assert.deepEqual(container.readinessProbe.httpGet, { path: '/login', port: 'http' });
    // /login is 503 while Elasticsearch is unreachable: that must not restart Kibana.
    assert.equal(container.livenessProbe.httpGet, undefined);
    assert.deepEqual(container.livenessProbe.tcpSocket, { port: 'http' });
  });
});
