/** The synth-time check sees the stack's dashboards through their queries and the catalogues. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogueLookup } from '../../constructs/catalogues';
import { promql, renderDashboard, timeseries } from '../../dashboards/model';
import { checkStack } from '../../src/checks/stack-check';
import { KubernetesPlatform } from '../../src/render/kubernetes/platform';
import { stackOf } from '../helpers/stack';

const check = (env: string, change: (stack: ReturnType<typeof stackOf>) => void = () => undefined) => {
  const stack = stackOf(env);
  change(stack);
  checkStack(stack, new KubernetesPlatform(stack.environment.namespace), catalogueLookup(stack.environment.application.job));
};

describe('synth-time check of dashboards', () => {
  for (const env of ['dev', 'staging', 'prod']) {
    it(`passes every dashboard of ${env}`, () => assert.doesNotThrow(() => check(env)));
  }

  it('fails on a misspelt metric, naming the dashboard and the panel', () => {
    const typo = renderDashboard(
      { title: 'Typo Board', description: '', tags: [], requires: [], rows: [{ panels: [timeseries({ title: 'Broken Panel', targets: [promql('rate(node_cpu_second_total[5m])')] })] }] },
      { jobs: new Set(), applicationJob: 'dynamic-graph-fed-rl' },
    );
    assert.throws(
      () => check('dev', (stack) => stack.grafana!.addDashboard(typo)),
      /dashboard "Typo Board" \(uid typo-board\), panel "Broken Panel": reads "node_cpu_second_total"/,
    );
  });
});
