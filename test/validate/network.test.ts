import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Doc, editManifest, problemAt, problemsIn, renderedKubernetes } from './fixtures';

/** The port entry of Grafana's egress rule towards Prometheus. */
function toPrometheus(policy: Doc): Doc {
  const rule = policy.spec.egress.find((r: Doc) => (r.ports ?? []).some((p: Doc) => p.port === 9090));
  return rule.ports.find((p: Doc) => p.port === 9090);
}

describe('NetworkPolicies let the stack\'s own links through', () => {
  it('finds a caller whose egress policy does not reach a Service its config names', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'network-policies.yaml', 'NetworkPolicy', 'grafana', (d) => {
      toPrometheus(d).port = 9091;
    });
    const problems = problemsIn(dir).filter((p) => p.check === 'network');
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(problems[0].object, 'Deployment/grafana');
    assert.equal(problems[0].message, 'reaches Service/prometheus port 9090 (named in ConfigMap/grafana-datasources datasources.yaml), but no NetworkPolicy lets it send to StatefulSet/prometheus on 9090/TCP');
  });

  it('finds a target whose ingress policy does not admit the caller', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'network-policies.yaml', 'NetworkPolicy', 'prometheus', (d) => {
      d.spec.ingress[0].from = [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'alertmanager' } } }];
    });
    const p = problemAt(problemsIn(dir), 'network', '');
    assert.equal(p.object, 'StatefulSet/prometheus');
    assert.match(p.message, /^Deployment\/grafana reaches it through Service\/prometheus port 9090 .*no NetworkPolicy admits that on 9090\/TCP$/);
  });

  it('accepts a named port in a policy when it names the target container port', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'network-policies.yaml', 'NetworkPolicy', 'grafana', (d) => {
      toPrometheus(d).port = 'http';
    });
    assert.deepEqual(problemsIn(dir).filter((p) => p.check === 'network'), []);
  });
});
