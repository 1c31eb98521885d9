import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Dashboard, layOut, promql, renderDashboard, stat, thresholds, timeseries, uidFromTitle } from '../../dashboards/model';

const context = { jobs: new Set(['prometheus']), applicationJob: 'app' };

describe('dashboard model', () => {
  it('wraps panels onto a new line when the row is full, under the tallest panel', () => {
    const [row] = layOut([{ titled: true, items: [{ width: 12, height: 8 }, { width: 8, height: 4 }, { width: 6, height: 5 }] }]);
    assert.deepEqual(row.header, { x: 0, y: 0, w: 24, h: 1 });
    assert.deepEqual(row.items.map((i) => i.gridPos), [
      { x: 0, y: 1, w: 12, h: 8 },
      { x: 12, y: 1, w: 8, h: 4 },
      { x: 0, y: 9, w: 6, h: 5 },
    ]);
  });

  it('starts each row below the previous one', () => {
    const [, second] = layOut([
      { titled: false, items: [{ width: 24, height: 3 }] },
      { titled: true, items: [{ width: 6, height: 2 }] },
    ]);
    assert.deepEqual(second.header, { x: 0, y: 3, w: 24, h: 1 });
    assert.deepEqual(second.items[0].gridPos, { x: 0, y: 4, w: 6, h: 2 });
  });

  it('refuses a panel wider than the grid', () => {
    assert.throws(() => layOut([{ titled: false, items: [{ width: 25, height: 2 }] }]), /whole number of columns/);
  });

  it('derives a uid from the title, shortened with a digest when long', () => {
    assert.equal(uidFromTitle('Dynamic Graph Fed-RL - System Overview'), 'dynamic-graph-fed-rl-system-overview');
    const long = uidFromTitle('A very long dashboard title that goes on and on and on');
    assert.ok(long.length <= 40);
    assert.notEqual(long, uidFromTitle('A very long dashboard title that goes on and on and further'));
    assert.equal(long, uidFromTitle('A very long dashboard title that goes on and on and on'));
  });

  it('requires ascending thresholds', () => {
    assert.deepEqual(thresholds('green', [80, 'red']), [
      { color: 'green', value: null },
      { color: 'red', value: 80 },
    ]);
    assert.throws(() => thresholds('green', [90, 'orange'], [80, 'red']), /ascend/);
  });

  const base: Dashboard = {
    title: 'Test Board',
    description: 'x',
    tags: [],
    requires: [],
    rows: [{ panels: [stat({ title: 'Up', targets: [promql('up')] }), timeseries({ title: 'Needs Redis', requires: ['redis-exporter'], targets: [promql('redis_up')] })] }],
  };

  it('leaves out panels whose job does not run, and numbers the rest in order', () => {
    const json = JSON.parse(renderDashboard(base, context).json);
    assert.deepEqual(json.panels.map((p: { id: number; title: string }) => [p.id, p.title]), [[1, 'Up']]);
  });

  it('refuses two panels with one title', () => {
    const twice: Dashboard = { ...base, rows: [{ panels: [stat({ title: 'Up', targets: [promql('up')] }), stat({ title: 'Up', targets: [promql('up')] })] }] };
    assert.throws(() => renderDashboard(twice, context), /two panels are titled "Up"/);
  });

  it('refuses a uid Kubernetes cannot name a ConfigMap after', () => {
    assert.throws(() => renderDashboard({ ...base, uid: 'Not_Valid' }, context), /lower-case letters, digits and dashes/);
  });

  it('uses a datasource variable when the dashboard has one, the fixed uid otherwise', () => {
    const fixed = JSON.parse(renderDashboard(base, context).json);
    assert.deepEqual(fixed.panels[0].targets[0].datasource, { type: 'prometheus', uid: 'prometheus' });
    const withVariable = JSON.parse(renderDashboard({ ...base, variables: [{ kind: 'datasource', name: 'ds', label: 'DS', type: 'prometheus' }] }, context).json);
    assert.deepEqual(withVariable.panels[0].targets[0].datasource, { type: 'prometheus', uid: '${ds}' });
    assert.equal(withVariable.templating.list[0].current.value, 'prometheus');
  });
});
