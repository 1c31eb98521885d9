/**
 * Prometheus' own parser agrees: every Prometheus query of every dashboard, written into a rule file as
 * a recording rule, passes `promtool check rules` (Debian's promtool 2.42, the oldest we support).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { ALL_JOBS, dashboardsFor } from './helpers';

describe('dashboard queries under promtool', () => {
  it('all pass promtool check rules', () => {
    const rules = dashboardsFor(ALL_JOBS).flatMap((d) =>
      d.queries.filter((q) => q.datasource === 'prometheus').map((q, i) => ({ record: `dashboard:${d.uid.replace(/-/g, '_')}:${i}`, expr: q.expr })),
    );
    assert.ok(rules.length > 100);
    const dir = mkdtempSync(join(tmpdir(), 'monstack-dashboards-'));
    try {
      const file = join(dir, 'dashboard-queries.yml');
      writeFileSync(file, yaml.dump({ groups: [{ name: 'dashboard-queries', rules }] }, { lineWidth: -1 }));
      const out = execFileSync('promtool', ['check', 'rules', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      assert.match(out, new RegExp(`SUCCESS: ${rules.length} rules found`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
