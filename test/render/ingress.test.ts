/**
 * The Ingress in front of the five UIs: hosts, TLS and class from the environment's `ingress` section,
 * valid under the strict Kubernetes 1.28 schema; NetworkPolicies that admit the controller's namespace to
 * the UIs and nothing else; off in dev; settings that would change nothing refused at their line.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { loadEnvironment } from '../../src/config/load';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { checkSchema } from '../../src/validate/kubernetes-schema';
import { formatProblem } from '../../src/validate';
import { Manifest } from '../../src/validate/output';
import { configErrorOf, kubernetesObjects, stackFromYaml, stackOf } from '../helpers/stack';
import { tempDir } from '../helpers/temp';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const UIS = { grafana: 'http', prometheus: 'http', alertmanager: 'http', jaeger: 'http-query', kibana: 'http' } as const;

function ingressOf(text: string): Obj {
  const files = renderKubernetes(stackFromYaml(text));
  assert.ok(files.has('ingress.yaml'));
  assert.ok((yaml.load(files.get('kustomization.yaml')!) as Obj).resources.includes('ingress.yaml'));
  return yaml.load(files.get('ingress.yaml')!) as Obj;
}

function schemaProblems(doc: Obj): string[] {
  const manifest: Manifest = { file: 'ingress.yaml', index: 0, doc, id: `${doc.kind}/${doc.metadata.name}` };
  return checkSchema([manifest]).map(formatProblem);
}

describe('Ingress', () => {
  for (const env of ['staging', 'prod']) {
    it(`${env}: one TLS Ingress for the five UIs, valid under the strict 1.28 schema`, () => {
      const files = renderKubernetes(stackOf(env));
      const doc = yaml.load(files.get('ingress.yaml')!) as Obj;
      assert.equal(doc.apiVersion, 'networking.k8s.io/v1');
      assert.deepEqual(schemaProblems(doc), []);
      const domain = env === 'prod' ? 'monitoring.example.com' : 'staging.monitoring.example.com';
      assert.deepEqual(
        Object.fromEntries(doc.spec.rules.map((r: Obj) => [r.host, `${r.http.paths[0].backend.service.name}:${r.http.paths[0].backend.service.port.name}`])),
        Object.fromEntries(Object.entries(UIS).map(([s, p]) => [`${s}.${domain}`, `${s}:${p}`])),
      );
      assert.deepEqual([...doc.spec.tls[0].hosts].sort(), Object.keys(UIS).map((s) => `${s}.${domain}`).sort());
      assert.equal(doc.spec.tls[0].secretName, 'monstack-ui-tls');
    });
  }

  it('dev has none', () => {
    assert.equal(renderKubernetes(stackOf('dev')).has('ingress.yaml'), false);
  });

  it('the strict schema refuses what the API server would (an unknown field, a path without its type)', () => {
    const doc = yaml.load(renderKubernetes(stackOf('prod')).get('ingress.yaml')!) as Obj;
    delete doc.spec.rules[0].http.paths[0].pathType;
    doc.spec.tls[0].certificate = 'x';
    const found = schemaProblems(doc).join('\n');
    assert.match(found, /paths\[0\]: \[schema\] missing required field "pathType"/);
    assert.match(found, /tls\[0\]\.certificate: \[schema\] unknown field "certificate"/);
  });

  it('takes its class, domain, TLS Secret or cert-manager issuer from the environment', () => {
    const doc = ingressOf('extends: prod\ningress:\n  domain: obs.fedrl.org\n  className: nginx\n  tls:\n    secretName: obs-tls\n    clusterIssuer: letsencrypt\n');
    assert.equal(doc.spec.ingressClassName, 'nginx');
    assert.equal(doc.spec.rules[0].host.endsWith('.obs.fedrl.org'), true);
    assert.equal(doc.spec.tls[0].secretName, 'obs-tls');
    assert.deepEqual(doc.metadata.annotations, { 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    assert.deepEqual(schemaProblems(doc), []);
    const namespaced = ingressOf('extends: prod\ningress:\n  tls:\n    issuer: local-ca\n');
    assert.deepEqual(namespaced.metadata.annotations, { 'cert-manager.io/issuer': 'local-ca' });
    // Kibana's links follow its host behind the Ingress unless publicUrls.kibana says otherwise.
    const stack = stackFromYaml('extends: prod\ningress:\n  domain: obs.fedrl.org\n');
    assert.equal(stack.environment.publicUrls.kibana, 'https://kibana.obs.fedrl.org');
    const grafana = kubernetesObjects(stack, 'grafana').find((d) => d.kind === 'Deployment')!.spec.template.spec.containers[0];
    assert.equal(grafana.env.find((e: Obj) => e.name === 'GF_SERVER_ROOT_URL').value, 'https://grafana.obs.fedrl.org');
    const dev = kubernetesObjects(stackOf('dev'), 'grafana').find((d) => d.kind === 'Deployment')!.spec.template.spec.containers[0];
    assert.ok(!dev.env.some((e: Obj) => e.name === 'GF_SERVER_ROOT_URL'));
  });

  it('leaves out a UI whose component is off', () => {
    const doc = ingressOf('extends: prod\ncomponents:\n  kibana:\n    enabled: false\n');
    assert.ok(!doc.spec.rules.some((r: Obj) => r.host.startsWith('kibana.')));
    assert.equal(doc.spec.rules.length, 4);
  });

  it('refuses settings that change nothing, an Ingress without a domain, and two issuers, at their line', () => {
    let e = configErrorOf('ingress:\n  domain: obs.fedrl.org\n');
    assert.match(e.message, /custom\.yaml:2: ingress\.domain: the Ingress is off/);
    e = configErrorOf('ingress:\n  enabled: true\n');
    assert.match(e.message, /custom\.yaml:2: ingress\.enabled: an Ingress needs ingress\.domain/);
    e = configErrorOf('extends: prod\ningress:\n  tls:\n    clusterIssuer: a\n    issuer: b\n');
    assert.match(e.message, /custom\.yaml:5: ingress\.tls\.issuer: name one cert-manager issuer/);
    assert.throws(() => loadEnvironment(writeEnv('extends: prod\ningress:\n  domain: Not_A_Host\n')), /ingress\.domain/);
    e = configErrorOf('extends: prod\naccess:\n  authentication: false\n');
    assert.match(e.message, /custom\.yaml:3: access\.authentication: the Ingress \(ingress\.enabled: true\) would publish Prometheus and Alertmanager without a password/);
    // Turning off the Ingress of a base leaves the base's keys alone; setting one beside it is refused.
    assert.equal(renderKubernetes(stackFromYaml('extends: prod\ningress:\n  enabled: false\n')).has('ingress.yaml'), false);
    e = configErrorOf('extends: prod\ningress:\n  enabled: false\n  className: nginx\n');
    assert.match(e.message, /custom\.yaml:4: ingress\.className: the Ingress is off/);
    assert.throws(() => loadEnvironment(writeEnv('extends: prod\ningress:\n  controllerNamespace: Ingress NGINX\n')), /ingress\.controllerNamespace/);
  });
});

function writeEnv(text: string): string {
  const file = path.join(tempDir('monstack-env-'), 'custom.yaml');
  fs.writeFileSync(file, text);
  return file;
}

describe('NetworkPolicies and the Ingress controller', () => {
  const controller = (ns: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });
  const policies = (text: string) => yaml.loadAll(renderKubernetes(stackFromYaml(text)).get('network-policies.yaml')!) as Obj[];

  for (const [label, text, ns] of [
    ['the default controller namespace', 'extends: prod\n', 'ingress-nginx'],
    ['a configured one', 'extends: prod\ningress:\n  controllerNamespace: traefik\n', 'traefik'],
  ] as const) {
    it(`admit ${label} to exactly the UI ports, and no one else from outside the namespace`, () => {
      const docs = policies(text);
      for (const policy of docs.filter((d) => d.kind === 'NetworkPolicy' && d.spec.ingress)) {
        const service = policy.metadata.name as keyof typeof UIS;
        const ports = kubernetesObjects(stackOf('prod'), service).find((d) => d.kind === 'Service' && d.metadata.name === service)?.spec.ports ?? [];
        for (const rule of policy.spec.ingress as Obj[]) {
          const admitsController = (rule.from ?? []).some((p: Obj) => JSON.stringify(p) === JSON.stringify(controller(ns)));
          const uiPort = UIS[service] ? ports.find((p: Obj) => p.name === UIS[service])?.port : undefined;
          const onUi = rule.ports.some((p: Obj) => p.port === uiPort);
          assert.equal(admitsController, onUi, `${service} ${JSON.stringify(rule)}`);
          // A UI port takes no rule open to everyone.
          if (onUi) assert.ok(rule.from?.length > 0, `${service}'s UI is open to all`);
          // Outside peers are only the controller (and, for the DNS policy, elsewhere).
          for (const peer of rule.from ?? []) assert.ok(peer.podSelector || JSON.stringify(peer) === JSON.stringify(controller(ns)), `${service}: ${JSON.stringify(peer)}`);
        }
      }
      const withController = docs.filter((d) => JSON.stringify(d.spec.ingress ?? []).includes(`"kubernetes.io/metadata.name":"${ns}"`)).map((d) => d.metadata.name).sort();
      assert.deepEqual(withController, Object.keys(UIS).sort());
    });
  }

  it('keep the senders\' ports open (OTLP, Beats) and Grafana\'s way to Prometheus and Jaeger', () => {
    const docs = policies('extends: prod\n');
    const jaeger = docs.find((d) => d.metadata.name === 'jaeger')!;
    assert.ok(jaeger.spec.ingress.some((r: Obj) => !r.from && r.ports[0].port === 4317));
    const prometheus = docs.find((d) => d.metadata.name === 'prometheus')!;
    const names = prometheus.spec.ingress[0].from.filter((p: Obj) => p.podSelector).map((p: Obj) => p.podSelector.matchLabels['app.kubernetes.io/name']);
    assert.deepEqual(names, ['grafana', 'prometheus']);
  });

  it('in dev, without an Ingress, leave the UIs as they were: open on their ports', () => {
    const docs = yaml.loadAll(renderKubernetes(stackOf('dev')).get('network-policies.yaml')!) as Obj[];
    const grafana = docs.find((d) => d.metadata.name === 'grafana')!;
    assert.ok(grafana.spec.ingress.some((r: Obj) => !r.from && r.ports[0].port === 3000));
  });
});
