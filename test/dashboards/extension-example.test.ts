/**
 * The README's worked example: an environment adds its own dashboard from an extension module, and
 * synth checks it like the stack's own (a misspelt metric fails synth, naming dashboard and panel).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { monstack, snapshot, tempDir } from '../helpers/cli';

const LIB = path.resolve(__dirname, '..', '..');

function extension(metric: string): string {
  return `const { buildDashboards } = require(${JSON.stringify(path.join(LIB, 'dashboards'))});
const { promql, stat, table } = require(${JSON.stringify(path.join(LIB, 'dashboards', 'model'))});

const agentLeaderboard = (ctx) => ({
  title: 'Agent Leaderboard',
  description: 'The ten best agents by current reward.',
  tags: ['dynamic-graph-fed-rl'],
  requires: [ctx.applicationJob],
  rows: [{ panels: [
    stat({ title: 'Agents Reporting', targets: [promql(\`count(agent_reward{job="\${ctx.applicationJob}"})\`)] }),
    table({ title: 'Top Agents', targets: [promql(\`topk(10, ${metric}{job="\${ctx.applicationJob}"})\`, '', { format: 'table' })], width: 18 }),
  ] }],
});

exports.extend = (stack) => {
  stack.grafana?.addDashboards(() =>
    buildDashboards({ jobs: stack.scrapeJobs, applicationJob: stack.environment.application.job, sources: [agentLeaderboard] }),
  );
};
`;
}

function environment(dir: string, metric: string): string {
  fs.writeFileSync(path.join(dir, 'leaderboard.js'), extension(metric));
  const file = path.join(dir, 'team.yaml');
  fs.writeFileSync(file, 'extends: dev\nextensions:\n  - ./leaderboard.js\n');
  return file;
}

describe('adding a dashboard from an environment extension', () => {
  it('provisions it in both targets', () => {
    const dir = tempDir('monstack-ext-');
    const out = tempDir('monstack-ext-out-');
    const r = monstack(['synth', '--env', environment(dir, 'agent_reward'), '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    const files = snapshot(out);
    const json = files.get('compose/team/config/grafana-dashboard-agent-leaderboard/agent-leaderboard.json');
    assert.ok(json, [...files.keys()].join('\n'));
    assert.equal(JSON.parse(json).title, 'Agent Leaderboard');
    assert.ok([...files.values()].some((text) => text.includes('name: grafana-dashboard-agent-leaderboard')));
  });

  it('fails synth on a metric nothing scrapes, and writes nothing', () => {
    const dir = tempDir('monstack-ext-');
    const out = tempDir('monstack-ext-out-');
    const r = monstack(['synth', '--env', environment(dir, 'agent_rewards'), '--out', out]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /dashboard "Agent Leaderboard" \(uid agent-leaderboard\), panel "Top Agents": reads "agent_rewards"/);
    assert.equal(snapshot(out).size, 0);
  });
});
