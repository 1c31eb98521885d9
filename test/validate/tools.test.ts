/** The tool helpers the dist tests rely on: they stage configs correctly and fail loudly. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/cli';
import { stageConfig, WEBHOOK_URL_STAND_IN, withStaticTargets, withWebhookUrls, writeYaml } from '../../src/validate/staging';
import { amtool, promtool, requireTool } from '../helpers/tools';
import { checkWithTools, failedSections, formatToolRun } from '../../src/validate/tool-checks';

describe('tool helpers', () => {
  it('name the package to install when a tool is missing', () => {
    assert.throws(() => requireTool('promtool-that-does-not-exist'), /promtool-that-does-not-exist is not installed: apt-get install/);
  });

  it('swap Kubernetes discovery for static targets, keeping relabelling', () => {
    const config = withStaticTargets({
      scrape_configs: [{ job_name: 'a', kubernetes_sd_configs: [{ role: 'pod' }], relabel_configs: [{ action: 'keep', source_labels: ['x'], regex: 'y' }] }, { job_name: 'b', static_configs: [{ targets: ['b:1'] }] }],
      alerting: { alertmanagers: [{ kubernetes_sd_configs: [{ role: 'endpointslice' }] }] },
    });
    assert.deepEqual(config.scrape_configs[0], { job_name: 'a', relabel_configs: [{ action: 'keep', source_labels: ['x'], regex: 'y' }], static_configs: [{ targets: ['localhost:9090'] }] });
    assert.deepEqual(config.scrape_configs[1], { job_name: 'b', static_configs: [{ targets: ['b:1'] }] });
    assert.deepEqual(config.alerting.alertmanagers[0], { static_configs: [{ targets: ['localhost:9090'] }] });
  });

  it('swap a webhook\'s url_file for a stand-in url, leaving every other receiver alone', () => {
    const config = withWebhookUrls({
      receivers: [{ name: 'w', webhook_configs: [{ url_file: '/s/heartbeat', send_resolved: false }, { url: 'https://x.example/' }] }, { name: 'p', pagerduty_configs: [{ routing_key_file: '/s/k' }] }],
    });
    assert.deepEqual(config.receivers[0].webhook_configs, [{ send_resolved: false, url: WEBHOOK_URL_STAND_IN }, { url: 'https://x.example/' }]);
    assert.deepEqual(config.receivers[1], { name: 'p', pagerduty_configs: [{ routing_key_file: '/s/k' }] });
  });

  it('lay mounted files out under a temp root and dummy the secret files a config names', () => {
    const root = tempDir();
    const staged = stageConfig(
      { rule_files: ['/etc/prometheus/rules/*.yaml'], receivers: [{ pagerduty_configs: [{ routing_key_file: '/etc/alertmanager/secrets/pagerduty/key' }] }] },
      [{ containerPath: '/etc/prometheus/rules', files: new Map([['a.yaml', 'groups: []\n']]) }],
      root,
    );
    assert.deepEqual(staged.rule_files, [path.join(root, 'etc/prometheus/rules/*.yaml')]);
    assert.equal(fs.readFileSync(path.join(root, 'etc/prometheus/rules/a.yaml'), 'utf8'), 'groups: []\n');
    const key = staged.receivers[0].pagerduty_configs[0].routing_key_file;
    assert.equal(key, path.join(root, 'etc/alertmanager/secrets/pagerduty/key'));
    assert.ok(fs.existsSync(key));
  });

  it('keep every path an output names inside the staging root, relative ones taken from the config\'s directory', () => {
    const root = tempDir();
    const staged = stageConfig({ a_file: '/../../../escaped', b_file: '../../../../escaped-too', rule_files: ['rules/*.yaml'] }, [], root, '/etc/prometheus');
    assert.equal(staged.a_file, path.join(root, 'escaped'));
    assert.equal(staged.b_file, path.join(root, 'escaped-too'));
    assert.deepEqual(staged.rule_files, [path.join(root, 'etc/prometheus/rules/*.yaml')]);
    assert.ok(fs.existsSync(staged.a_file) && fs.existsSync(staged.b_file));
  });

  it('fail with the tool output on a broken config', () => {
    const root = tempDir();
    const rules = path.join(root, 'rules.yaml');
    fs.writeFileSync(rules, 'groups:\n  - name: x\n    rules:\n      - record: a\n        expr: rate(x[5m]\n');
    assert.throws(() => promtool.checkRules([rules]), /promtool check rules .* exited 1[\s\S]*unclosed left parenthesis/);
    const am = writeYaml(path.join(root, 'alertmanager.yml'), { route: { receiver: 'missing' }, receivers: [{ name: 'default' }] });
    assert.throws(() => amtool.checkConfig(am), /amtool check-config .* exited 1[\s\S]*undefined receiver "missing"/);
  });
});

describe('checkWithTools', () => {
  const composeDev = path.join(__dirname, '..', '..', '..', 'dist', 'compose', 'dev');

  it('reports each tool skipped when it is not on PATH, and checks nothing', () => {
    const { runs, problems } = checkWithTools(composeDev, { searchPath: tempDir() });
    assert.deepEqual(runs.map(formatToolRun), [
      'promtool check config: skipped (promtool is not on PATH)',
      'promtool check rules: skipped (promtool is not on PATH)',
      'amtool check-config: skipped (amtool is not on PATH)',
    ]);
    assert.deepEqual(problems, []);
  });

  it('says when an output has nothing for a tool', () => {
    const copy = path.join(tempDir(), 'dev');
    fs.cpSync(composeDev, copy, { recursive: true });
    fs.rmSync(path.join(copy, 'config', 'alertmanager-config'), { recursive: true });
    const { runs } = checkWithTools(copy);
    assert.deepEqual(runs.find((r) => r.check === 'amtool check-config'), { check: 'amtool check-config', status: 'nothing to check', files: 0, note: 'no alertmanager.yml' });
  });

  it('checks a webhook url_file with an amtool that predates it (Debian\'s 0.25) as a stand-in url, and says so', () => {
    const copy = path.join(tempDir(), 'dev');
    fs.cpSync(composeDev, copy, { recursive: true });
    const file = path.join(copy, 'config', 'alertmanager-config', 'alertmanager.yml');
    const text = fs.readFileSync(file, 'utf8').replace(/- name: watchdog\n/, '- name: watchdog\n    webhook_configs:\n      - url_file: /etc/alertmanager/secrets/watchdog-heartbeat-url\n        send_resolved: false\n');
    assert.match(text, /url_file/);
    fs.writeFileSync(file, text);
    const { runs, problems } = checkWithTools(copy);
    assert.deepEqual(problems, []);
    const run = runs.find((r) => r.check === 'amtool check-config')!;
    assert.equal(run.status, 'run');
    // The pinned Alertmanager reads url_file; only an older amtool needs the stand-in.
    if (run.note) assert.match(run.note, /url_file checked as a stand-in url .*predates url_file/);
    // A broken webhook still fails after the swap.
    fs.writeFileSync(file, text.replace('send_resolved: false', 'send_resolved: maybe'));
    assert.ok(checkWithTools(copy).problems.some((p) => p.check === 'amtool check-config'));
  });

  it('finds each failed file in the tools\' output, once per message', () => {
    const promtool = ['Checking a.yaml', '  SUCCESS: 1 rules found', '', 'Checking b.yaml', '  FAILED:', 'b.yaml: not a valid duration string: "5m1h"', '', 'Checking c.yaml', '  FAILED:', '     c.yaml: yaml: line 1: bad', '     c.yaml: yaml: line 1: bad', ''].join('\n');
    assert.deepEqual(failedSections(promtool), [
      { subject: 'b.yaml', message: 'not a valid duration string: "5m1h"' },
      { subject: 'c.yaml', message: 'yaml: line 1: bad' },
    ]);
    const amtool = 'Checking \'/x/am.yml\'  FAILED: undefined receiver "nobody" used in route\n\namtool: error: failed to validate 1 file(s)\n';
    assert.deepEqual(failedSections(amtool), [{ subject: '/x/am.yml', message: 'undefined receiver "nobody" used in route' }]);
  });
});
