import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { checkRuleFile, isRuleFile } from '../../src/validate/rules';
import { editManifest, problemAt, problemsIn, renderedCompose, renderedKubernetes } from './fixtures';

const RULES = `groups:
  - name: system
    rules:
      - alert: HighCPU
        expr: rate(node_cpu_seconds_total{mode!="idle"}[5m] > 0.9
      - record: instance:up:sum
        expr: sum by (instance) (up)
`;

describe('PromQL in rule files', () => {
  it('names file, group and rule of an expression that does not parse', () => {
    const problems = checkRuleFile(yaml.load(RULES) as { groups: [] }, { file: 'rules.yaml' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].object, 'group "system" rule "HighCPU"');
    assert.equal(problems[0].path, '.groups[0].rules[0].expr');
    assert.match(problems[0].message, /syntax error at column/);
  });

  it('recognises rule files and nothing else', () => {
    assert.ok(isRuleFile({ groups: [{ name: 'a', rules: [] }] }));
    assert.ok(!isRuleFile({ global: {}, scrape_configs: [] }));
    assert.ok(!isRuleFile('groups'));
  });

  it('checks rule files in compose config folders', () => {
    const dir = renderedCompose();
    fs.mkdirSync(path.join(dir, 'config', 'prometheus-rules'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'config', 'prometheus-rules', 'system.yaml'), RULES);
    const p = problemAt(problemsIn(dir), 'promql', '.groups[0].rules[0].expr');
    assert.equal(p.file, 'compose/prod/config/prometheus-rules/system.yaml');
    assert.equal(p.object, 'group "system" rule "HighCPU"');
  });

  it('checks rule files inside the rules ConfigMap', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'prometheus.yaml', 'ConfigMap', 'prometheus-rules', (d) => {
      d.data = { 'system.yaml': RULES };
    });
    const p = problemAt(problemsIn(dir), 'promql', 'rules[0].expr');
    assert.equal(p.object, 'ConfigMap/prometheus-rules group "system" rule "HighCPU"');
    assert.equal(p.path, '.data["system.yaml"].groups[0].rules[0].expr');
  });
});
