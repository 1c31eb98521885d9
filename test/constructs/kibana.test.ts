import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeEnvFile, secretRefs } from '../../src/commands/secrets';
import { composeServices, findManifest, kubernetesObjects, kubernetesSpecs, mainContainer, plainEnv, stackFromYaml, stackOf } from '../helpers/stack';

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

describe('Kibana keys and public URL', () => {
  const KEYS = {
    XPACK_SECURITY_ENCRYPTIONKEY: 'kibana-security-encryption-key',
    XPACK_REPORTING_ENCRYPTIONKEY: 'kibana-reporting-encryption-key',
    XPACK_ENCRYPTEDSAVEDOBJECTS_ENCRYPTIONKEY: 'kibana-encryption-key',
  };

  it('takes fixed encryption keys (sessions, reports, saved objects) from the Secret, never a value', () => {
    const container = mainContainer(findManifest(kubernetesObjects(stackOf('prod'), 'kibana'), 'Deployment', 'kibana'));
    for (const [name, key] of Object.entries(KEYS)) {
      const variable = container.env.find((e: Config) => e.name === name);
      assert.deepEqual(variable.valueFrom, { secretKeyRef: { name: 'elasticsearch', key } }, name);
    }
    const compose = composeServices(stackOf('dev')).kibana.environment;
    for (const name of Object.keys(KEYS)) assert.match(compose[name], /^\$\{ELASTICSEARCH_KIBANA_[A-Z_]+:\?/, name);
  });

  it('monstack secrets generates each key, 32 characters or more as Kibana requires', () => {
    const refs = secretRefs(kubernetesSpecs('prod'));
    const env = composeEnvFile(refs);
    for (const key of Object.values(KEYS)) {
      const variable = `ELASTICSEARCH_${key.toUpperCase().replace(/-/g, '_')}`;
      const value = new RegExp(`^${variable}=(.*)$`, 'm').exec(env)?.[1] ?? '';
      assert.ok(value.length >= 32, `${variable}=${value}`);
    }
  });

  it('names where users open it: localhost by default, the environment\'s URL when given', () => {
    const env = (stack: ReturnType<typeof stackOf>) => plainEnv(mainContainer(findManifest(kubernetesObjects(stack, 'kibana'), 'Deployment', 'kibana')));
    assert.equal(env(stackOf('prod')).SERVER_PUBLICBASEURL, 'http://localhost:5601');
    assert.equal(env(stackFromYaml('extends: prod\npublicUrls:\n  kibana: https://kibana.example.org/logs\n')).SERVER_PUBLICBASEURL, 'https://kibana.example.org/logs');
    assert.equal(composeServices(stackOf('dev')).kibana.environment.SERVER_PUBLICBASEURL, 'http://localhost:5601');
  });
});
