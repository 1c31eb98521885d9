/** The e2e's reference application exposes what the application catalogue promises, with the SLO's bucket. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APPLICATION_METRICS } from '../../constructs/catalogues';
import { exposedFamilies } from './exposition';
import { ReferenceApp } from './harness/reference-app';

describe('e2e reference application', () => {
  const app = new ReferenceApp({ agents: 3, endpoints: 2 });
  app.tick();
  const text = app.exposition();

  it('exposes every family of the application catalogue with its type and exactly its labels', () => {
    const families = exposedFamilies(text);
    for (const f of APPLICATION_METRICS) {
      assert.equal(families.get(f.name)?.type, f.type, f.name);
      assert.deepEqual([...families.get(f.name)!.labels].sort(), [...(f.labels ?? [])].sort(), f.name);
    }
  });

  it('has the le="0.2" bucket on every request-duration series, one per agent and endpoint', () => {
    assert.equal(text.match(/^http_request_duration_seconds_bucket\{[^}]*le="0.2"\}/gm)?.length, 3 * 2);
  });

  it('reports fewer active agents and 5xx responses when told', () => {
    app.activeAgents = 1;
    app.errorRatio = 0.5;
    app.tick();
    const t = app.exposition();
    assert.match(t, /^federation_active_agents 1$/m);
    assert.match(t, /^http_requests_total\{endpoint="\/agents\/agent-0\/api\/v1\/endpoint-0",method="GET",status="500"\} 0.5$/m);
  });
});
