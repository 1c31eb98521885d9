import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDashboards } from '../../dashboards';
import { ALL_JOBS, contentPanels, dashboardsFor, FIXED_DATASOURCE_UIDS, Json, parsed } from './helpers';

const SCENARIOS: Record<string, ReadonlySet<string>> = {
  'every job': ALL_JOBS,
  'prometheus and the application only': new Set(['prometheus', 'dynamic-graph-fed-rl']),
};

function overlaps(a: Json, b: Json): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('rendered dashboards', () => {
  for (const [scenario, jobs] of Object.entries(SCENARIOS)) {
    describe(scenario, () => {
      const dashboards = dashboardsFor(jobs);

      it('are valid JSON whose uid and title match the provisioned ones', () => {
        assert.ok(dashboards.length > 0);
        for (const d of dashboards) {
          const json = parsed(d);
          assert.equal(json.uid, d.uid);
          assert.equal(json.title, d.title);
          assert.equal(json.schemaVersion, 42, d.title);
          assert.match(d.uid, /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/, d.title);
        }
      });

      it('have unique uids and titles', () => {
        const uids = dashboards.map((d) => d.uid);
        assert.equal(new Set(uids).size, uids.length, uids.join(', '));
        const titles = dashboards.map((d) => d.title);
        assert.equal(new Set(titles).size, titles.length);
      });

      it('have unique panel ids and titles within each dashboard', () => {
        for (const d of dashboards) {
          const json = parsed(d);
          const ids = json.panels.map((p: Json) => p.id);
          assert.equal(new Set(ids).size, ids.length, `${d.title}: ${ids}`);
          assert.ok(ids.every((id: unknown) => Number.isInteger(id) && (id as number) > 0));
          const titles = contentPanels(json).map((p: Json) => p.title);
          assert.equal(new Set(titles).size, titles.length, d.title);
        }
      });

      it('lay panels out on the 24-column grid without overlap', () => {
        for (const d of dashboards) {
          const positions = parsed(d).panels.map((p: Json) => ({ title: p.title, ...p.gridPos }));
          for (const p of positions) {
            assert.ok(p.x >= 0 && p.w >= 1 && p.x + p.w <= 24 && p.y >= 0 && p.h >= 1, `${d.title} / ${p.title}: ${JSON.stringify(p)}`);
          }
          for (let i = 0; i < positions.length; i++) {
            for (let j = i + 1; j < positions.length; j++) {
              assert.ok(!overlaps(positions[i], positions[j]), `${d.title}: "${positions[i].title}" overlaps "${positions[j].title}"`);
            }
          }
        }
      });

      it('query only the fixed datasource uids, directly or through a variable defaulting to one', () => {
        for (const d of dashboards) {
          const json = parsed(d);
          const dsVariables = new Map<string, Json>(json.templating.list.filter((v: Json) => v.type === 'datasource').map((v: Json) => [v.name, v]));
          const resolve = (ref: Json, where: string): string => {
            const m = /^\$\{(\w+)\}$/.exec(ref.uid);
            if (!m) return ref.uid;
            const variable = dsVariables.get(m[1]);
            assert.ok(variable, `${where}: datasource variable ${m[1]} is not defined`);
            assert.equal(variable.query, ref.type, `${where}: variable ${m[1]} lists ${variable.query} datasources, the target is ${ref.type}`);
            return variable.current.value;
          };
          for (const panel of contentPanels(json)) {
            assert.ok(panel.targets.length > 0, `${d.title} / ${panel.title} has no targets`);
            for (const target of panel.targets) {
              const uid = resolve(target.datasource, `${d.title} / ${panel.title}`);
              assert.ok(FIXED_DATASOURCE_UIDS.has(uid), `${d.title} / ${panel.title}: datasource ${uid}`);
              assert.equal(uid, target.datasource.type, `${d.title} / ${panel.title}: the ${target.datasource.type} datasource has uid ${target.datasource.type}`);
            }
          }
          for (const v of json.templating.list.filter((x: Json) => x.type === 'query')) {
            assert.ok(FIXED_DATASOURCE_UIDS.has(resolve(v.datasource, `${d.title} / variable ${v.name}`)));
          }
        }
      });

      it('list each panel query once in `queries`, on the resolved datasource uid', () => {
        for (const d of dashboards) {
          const targets = contentPanels(parsed(d)).flatMap((p: Json) => p.targets.map(() => p.title));
          assert.deepEqual(d.queries.map((q) => q.panel), targets, d.title);
          assert.ok(d.queries.every((q) => FIXED_DATASOURCE_UIDS.has(q.datasource)));
        }
      });

      it('use no retired panel type', () => {
        for (const d of dashboards) {
          for (const p of parsed(d).panels) assert.ok(['row', 'timeseries', 'stat', 'gauge', 'table', 'logs', 'traces'].includes(p.type), `${d.title} / ${p.title}: ${p.type}`);
        }
      });
    });
  }

  it('render byte-identical JSON on every build', () => {
    const first = dashboardsFor(ALL_JOBS).map((d) => d.json);
    const second = dashboardsFor(new Set([...ALL_JOBS].reverse())).map((d) => d.json);
    assert.deepEqual(second, first);
  });

  it('keep their uid and panel ids when other dashboards come and go', () => {
    const all = new Map(dashboardsFor(ALL_JOBS).map((d) => [d.uid, d.json]));
    const few = dashboardsFor(new Set(['prometheus', 'node-exporter']));
    const hosts = few.find((d) => d.title === 'Hosts');
    assert.ok(hosts);
    assert.equal(hosts.json, all.get(hosts.uid));
  });

  it('follow a renamed application job', () => {
    const [overview] = buildDashboards({ jobs: new Set(['prometheus', 'fedrl']), applicationJob: 'fedrl' });
    assert.equal(overview.title, 'Dynamic Graph Fed-RL - System Overview');
    assert.ok(overview.queries.some((q) => q.expr.includes('job="fedrl"')));
    assert.ok(overview.queries.every((q) => !q.expr.includes('dynamic-graph-fed-rl')));
  });
});
