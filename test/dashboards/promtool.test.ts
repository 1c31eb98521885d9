/**
 * Prometheus' own parser agrees: every Prometheus query of every dashboard, written into a rule file as
 * a recording rule, passes `promtool check rules` (Debian's promtool 2.42, the oldest we support).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/cli';
import { writeYaml } from '../../src/validate/staging';
import { promtool } from '../helpers/tools';
import { ALL_JOBS, dashboardsFor } from './helpers';

describe('dashboard queries under promtool', () => {
  it('all pass promtool check rules', () => {
    const rules = dashboardsFor(ALL_JOBS).flatMap((d) =>
      d.queries.filter((q) => q.datasource === 'prometheus').map((q, i) => ({ record: `dashboard:${d.uid.replace(/-/g, '_')}:${i}`, expr: q.expr })),
    );
    assert.ok(rules.length > 100);
    const file = writeYaml(path.join(tempDir('monstack-dashboards-'), 'dashboard-queries.yml'), { groups: [{ name: 'dashboard-queries', rules }] });
    assert.match(promtool.checkRules([file]), new RegExp(`SUCCESS: ${rules.length} rules found`));
  });
});
