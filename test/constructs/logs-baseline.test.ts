import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IMAGES } from '../../constructs';
import { kubernetesObjects, stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = any;

const SERVICES = ['loki', 'promtail', 'jaeger', 'elasticsearch', 'logstash', 'kibana', 'elasticsearch-exporter', 'logstash-exporter'];
/** The stated exceptions, and nothing else. */
const EXCEPTIONS: Record<string, string[]> = {
  promtail: ['runAsNonRoot', 'hostPath'],
  // runAsNonRoot and privileged: the root, privileged sysctl init container, checked apart.
  elasticsearch: ['runAsNonRoot', 'privileged'],
};
/** The part of the exceptions the service's own containers use. */
const CONTAINER_EXCEPTIONS: Record<string, string[]> = {
  promtail: ['runAsNonRoot'],
};

describe('Log and trace services: the restricted baseline', () => {
  for (const env of ['dev', 'prod']) {
    for (const service of SERVICES) {
      it(`${service} (${env}) keeps to it outside its stated exceptions`, () => {
        const workload = kubernetesObjects(stackOf(env), service).find((d) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(d.kind))!;
        const waived = (workload.metadata.annotations?.['monstack.dev/exceptions'] ?? '').split(',').filter(Boolean);
        assert.deepEqual(waived, EXCEPTIONS[service] ?? []);
        const pod = workload.spec.template.spec;
        const containers: Config[] = [...pod.containers, ...(pod.initContainers ?? []).filter((c: Config) => c.name !== 'sysctl')];
        for (const c of containers) {
          assert.ok(c.resources.requests.cpu && c.resources.requests.memory && c.resources.limits.cpu && c.resources.limits.memory, `${c.name} resources`);
          assert.deepEqual(c.securityContext.capabilities, { drop: ['ALL'] });
          assert.equal(c.securityContext.allowPrivilegeEscalation, false);
          assert.deepEqual(c.securityContext.seccompProfile, { type: 'RuntimeDefault' });
          const own = CONTAINER_EXCEPTIONS[service] ?? [];
          assert.equal(c.securityContext.runAsNonRoot, !own.includes('runAsNonRoot'), `${c.name} runAsNonRoot`);
          assert.equal(c.securityContext.readOnlyRootFilesystem, !own.includes('readOnlyRootFilesystem'), `${c.name} readOnlyRootFilesystem`);
          assert.ok(Object.values(IMAGES).includes(c.image), `${c.image} is a pinned image of the catalogue`);
          assert.doesNotMatch(c.image, /:latest$/);
        }
      });
    }
  }
});
