import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Elasticsearch, halfHeapFlags } from '../../constructs';
import { composeServices, findManifest, kubernetesObjects, mainContainer, plainEnv, stackOf } from '../helpers/stack';
import { tempDir } from '../helpers/temp';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = any;

describe('Elasticsearch', () => {
  it('forms a 3-node cluster in prod through the headless peer Service', () => {
    const docs = kubernetesObjects(stackOf('prod'), 'elasticsearch');
    const sts = findManifest(docs, 'StatefulSet', 'elasticsearch');
    assert.equal(sts.spec.replicas, 3);
    assert.equal(sts.spec.serviceName, 'elasticsearch-peers');
    const env = plainEnv(mainContainer(sts));
    // Only a node without cluster state bootstraps with the initial master nodes.
    assert.equal(env['cluster.initial_master_nodes'], undefined);
    const start = mainContainer(sts).command;
    assert.deepEqual(start.slice(0, 4), ['/bin/tini', '--', 'bash', '-c']);
    assert.match(start[4], /^if \[ -d "\/usr\/share\/elasticsearch\/data\/_state" \]; then exec \/usr\/local\/bin\/docker-entrypoint.sh eswrapper;/);
    assert.match(start[4], /else exec env "cluster.initial_master_nodes=elasticsearch-0,elasticsearch-1,elasticsearch-2" \/usr\/local\/bin\/docker-entrypoint.sh eswrapper; fi$/);
    assert.equal(
      env['discovery.seed_hosts'],
      [0, 1, 2].map((i) => `elasticsearch-${i}.elasticsearch-peers.monitoring.svc:9300`).join(','),
    );
    assert.equal(env['discovery.type'], undefined);
    const peers = findManifest(docs, 'Service', 'elasticsearch-peers');
    assert.equal(peers.spec.clusterIP, 'None');
    assert.ok(peers.spec.ports.some((p: Config) => p.port === 9300));
    // Transport stays off the client Service.
    assert.deepEqual(findManifest(docs, 'Service', 'elasticsearch').spec.ports.map((p: Config) => p.port), [9200]);
  });

  it('spreads prod nodes over hosts, keeps two during disruptions and gives each its own volume', () => {
    const docs = kubernetesObjects(stackOf('prod'), 'elasticsearch');
    const sts = findManifest(docs, 'StatefulSet', 'elasticsearch');
    assert.ok(sts.spec.template.spec.affinity.podAntiAffinity);
    assert.equal(findManifest(docs, 'PodDisruptionBudget', 'elasticsearch').spec.maxUnavailable, 1);
    assert.equal(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage, '200Gi');
  });

  it('sizes the heap at half the memory limit', () => {
    const prod = plainEnv(mainContainer(findManifest(kubernetesObjects(stackOf('prod'), 'elasticsearch'), 'StatefulSet', 'elasticsearch')));
    assert.equal(prod.ES_JAVA_OPTS, '-Xms4096m -Xmx4096m');
    const staging = plainEnv(mainContainer(findManifest(kubernetesObjects(stackOf('staging'), 'elasticsearch'), 'StatefulSet', 'elasticsearch')));
    assert.equal(staging.ES_JAVA_OPTS, '-Xms2048m -Xmx2048m');
    assert.equal(halfHeapFlags('3G', 'elasticsearch'), '-Xms1430m -Xmx1430m');
    assert.equal(halfHeapFlags('1.5Gi', 'elasticsearch'), '-Xms768m -Xmx768m');
    assert.throws(() => halfHeapFlags('256Mi', 'logstash'), /logstash: a memory limit of 256Mi leaves a JVM heap under 256Mi: raise components\.logstash\.resources\.limits\.memory/);
  });

  it('runs one node in dev, with single-node discovery and no peers', () => {
    const docs = kubernetesObjects(stackOf('dev'), 'elasticsearch');
    const sts = findManifest(docs, 'StatefulSet', 'elasticsearch');
    assert.equal(sts.spec.replicas, 1);
    assert.equal(plainEnv(mainContainer(sts))['discovery.type'], 'single-node');
    assert.ok(!docs.some((d) => d.metadata.name === 'elasticsearch-peers'));
    assert.ok(!docs.some((d) => d.kind === 'PodDisruptionBudget'));
  });

  it('turns security on with the elastic password from a Secret, and TLS between prod nodes from a user Secret', () => {
    const sts = findManifest(kubernetesObjects(stackOf('prod'), 'elasticsearch'), 'StatefulSet', 'elasticsearch');
    const container = mainContainer(sts);
    assert.equal(plainEnv(container)['xpack.security.enabled'], 'true');
    const password = container.env.find((e: Config) => e.name === 'ELASTIC_PASSWORD');
    assert.deepEqual(password.valueFrom, { secretKeyRef: { name: 'elasticsearch', key: 'elastic-password' } });
    assert.equal(plainEnv(container)['xpack.security.transport.ssl.enabled'], 'true');
    const tls = sts.spec.template.spec.volumes.find((v: Config) => v.secret?.secretName === 'elasticsearch-transport-tls');
    assert.deepEqual(tls.secret.items.map((i: Config) => i.key), ['ca.crt', 'tls.crt', 'tls.key']);
  });

  it('raises vm.max_map_count in Kubernetes with a privileged init container, a recorded exception', () => {
    const sts = findManifest(kubernetesObjects(stackOf('dev'), 'elasticsearch'), 'StatefulSet', 'elasticsearch');
    const init = sts.spec.template.spec.initContainers.find((c: Config) => c.name === 'sysctl');
    assert.deepEqual(init.command, ['sh', '-c', 'sysctl -w vm.max_map_count=262144']);
    assert.equal(init.securityContext.privileged, true);
    assert.match(sts.metadata.annotations?.['monstack.dev/exceptions'] ?? '', /privileged/);
  });

  it('runs a single node in compose, even for prod, with the elastic password from the environment and a check that needs none', () => {
    const es = composeServices(stackOf('prod')).elasticsearch;
    assert.equal(es.environment['discovery.type'], 'single-node');
    assert.equal(es.environment['cluster.initial_master_nodes'], undefined);
    assert.match(es.environment.ELASTIC_PASSWORD, /^\$\{ELASTICSEARCH_ELASTIC_PASSWORD:\?/);
    // The readiness port, asked inside the container: open once the node has joined, no user named.
    assert.deepEqual(es.healthcheck.test, ['CMD', 'bash', '-c', 'nc -z -w 5 127.0.0.1 8080']);
    assert.ok(!('privileged' in es));
  });

  it('lets the JVM run the native libraries it unpacks into its compose tmpfs, as an emptyDir would', () => {
    const es = composeServices(stackOf('prod')).elasticsearch;
    assert.ok(es.tmpfs.length > 0);
    for (const mount of es.tmpfs) assert.match(mount, /^\/[^:]+:exec,nosuid,nodev$/);
  });

  it('refuses a 2-node cluster', () => {
    assert.throws(() => new Elasticsearch(stackOf('dev'), 'two', { replicas: 2 }), /2 nodes cannot keep a master/);
  });
});

describe('Elasticsearch bootstrap, run by bash', () => {
  it('passes cluster.initial_master_nodes to the entrypoint on the first start only', () => {
    const sts = findManifest(kubernetesObjects(stackOf('prod'), 'elasticsearch'), 'StatefulSet', 'elasticsearch');
    const script: string = mainContainer(sts).command[4];
    const home = tempDir('monstack-es-');
    try {
      // The image's entrypoint stands in as a script that prints the settings it was given.
      const entrypoint = path.join(home, 'docker-entrypoint.sh');
      fs.writeFileSync(entrypoint, '#!/bin/bash\n# bash, as the image entrypoint is: dash would drop the dotted names.\n[ "$1" = eswrapper ] || exit 3\nenv | grep "^cluster\\." || echo "no bootstrap setting"\n', { mode: 0o755 });
      const run = () =>
        execFileSync('bash', ['-c', script.replaceAll('/usr/share/elasticsearch', home).replaceAll('/usr/local/bin/docker-entrypoint.sh', entrypoint)], { encoding: 'utf8' });
      fs.mkdirSync(path.join(home, 'data'));
      assert.equal(run().trim(), 'cluster.initial_master_nodes=elasticsearch-0,elasticsearch-1,elasticsearch-2');
      fs.mkdirSync(path.join(home, 'data', '_state'));
      assert.equal(run().trim(), 'no bootstrap setting');
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
