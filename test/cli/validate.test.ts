import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { monstack, tempDir as newTempDir } from '../helpers/cli';

describe('monstack validate', () => {
  const made: string[] = [];
  const tempDir = (prefix: string) => {
    made.push(newTempDir(prefix));
    return made[made.length - 1];
  };
  after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  // One synth of every built-in environment; a test that edits the output works on its own copy.
  let synthesized: string;
  before(() => {
    synthesized = tempDir('monstack-validate-cli-');
    const r = monstack(['synth', '--out', synthesized]);
    assert.equal(r.status, 0, r.stderr);
  });
  const copyOfSynthesized = (): string => {
    const out = tempDir('monstack-validate-cli-copy-');
    fs.cpSync(synthesized, out, { recursive: true });
    return out;
  };

  it('passes on fresh output and names every directory it checked', () => {
    const r = monstack(['validate', '--dir', synthesized]);
    assert.equal(r.status, 0, r.stderr);
    for (const target of ['k8s', 'compose', 'operator']) for (const env of ['dev', 'staging', 'prod']) assert.match(r.stdout, new RegExp(`^ok .*${target}/${env}$`, 'm'));
    assert.match(r.stdout, /9 directories valid/);
  });

  it('checks only the named environment', () => {
    const r = monstack(['validate', '--env', 'staging', '--dir', synthesized]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n').filter((l) => !l.startsWith('  ')), [`ok ${path.join(synthesized, 'k8s', 'staging')}`, `ok ${path.join(synthesized, 'compose', 'staging')}`, `ok ${path.join(synthesized, 'operator', 'staging')}`, '3 directories valid']);
  });

  it('runs promtool and amtool on every directory and says so', () => {
    const r = monstack(['validate', '--env', 'prod', '--dir', synthesized]);
    assert.equal(r.status, 0, r.stderr);
    const blocks = r.stdout.split(/^(?=ok )/m).filter((b) => b.startsWith('ok '));
    assert.equal(blocks.length, 3);
    const operator = blocks.find((b) => /operator\/prod\n/.test(b))!;
    // The operator's output has no prometheus.yml: its rules and routing are what the tools check.
    assert.match(operator, /^ {2}promtool check rules: run \(9 files\)$/m);
    assert.match(operator, /^ {2}amtool check-config: run \(1 file\)$/m);
    for (const block of blocks.filter((b) => b !== operator)) {
      assert.match(block, /^ {2}promtool check config: run \(1 file/m);
      assert.match(block, /^ {2}promtool check rules: run \(9 files\)$/m);
      assert.match(block, /^ {2}amtool check-config: run \(1 file\)$/m);
    }
  });

  it('fails on what promtool and amtool reject, naming the file and the tool\'s message', () => {
    const out = copyOfSynthesized();
    const edit = (rel: string, from: string | RegExp, to: string) => {
      const file = path.join(out, rel);
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(text.match(from), `${rel} holds ${from}`);
      fs.writeFileSync(file, text.replace(from, to));
    };
    // Durations the in-process checks do not read: only the tools can object.
    edit('compose/prod/config/prometheus-rules/datastores.yaml', 'for: 5m', 'for: 5m1h');
    edit('compose/prod/config/alertmanager-config/alertmanager.yml', 'group_wait: 30s', 'group_wait: 1m1m');
    edit('compose/prod/config/prometheus-config/prometheus.yml', 'scrape_interval: 30s', 'scrape_interval: 2m2m');
    edit('k8s/staging/prometheus.yaml', /(datastores\.yaml: \|[\s\S]*?)for: 5m/, '$1for: 7m1h');
    edit('k8s/dev/alertmanager.yaml', /receiver: default\n/, 'receiver: nobody\n');
    // Not YAML at all inside the ConfigMap: promtool still gets it, and says why.
    edit('k8s/prod/prometheus.yaml', 'prometheus.yml: |\n    global:\n', 'prometheus.yml: |\n    global: [\n');
    const r = monstack(['validate', '--dir', out]);
    assert.equal(r.status, 1, r.stdout);
    const dir = (sub: string) => path.join(out, sub).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(r.stderr, new RegExp(`^  ${dir('compose/prod')}/config/prometheus-rules/datastores.yaml: \\[promtool check rules\\] not a valid duration string: "5m1h"$`, 'm'));
    assert.match(r.stderr, new RegExp(`^  ${dir('compose/prod')}/config/alertmanager-config/alertmanager.yml: \\[amtool check-config\\] not a valid duration string: "1m1m"$`, 'm'));
    assert.match(r.stderr, new RegExp(`^  ${dir('compose/prod')}/config/prometheus-config/prometheus.yml: \\[promtool check config\\] not a valid duration string: "2m2m"$`, 'm'));
    assert.match(r.stderr, new RegExp(`^  ${dir('k8s/staging')}/prometheus.yaml ConfigMap/prometheus-rules .data\\["datastores.yaml"\\]: \\[promtool check rules\\] not a valid duration string: "7m1h"$`, 'm'));
    assert.match(r.stderr, new RegExp(`^  ${dir('k8s/dev')}/alertmanager.yaml ConfigMap/alertmanager-config .data\\["alertmanager.yml"\\]: \\[amtool check-config\\] undefined receiver "nobody" used in route$`, 'm'));
    assert.match(r.stderr, new RegExp(`^  ${dir('k8s/prod')}/prometheus.yaml ConfigMap/prometheus-config .data\\["prometheus.yml"\\]: \\[promtool check config\\] yaml: line 2: did not find expected ',' or ']'$`, 'm'));
    assert.match(r.stderr, /^FAIL .*compose\/prod \(3 problems\)$/m);
    assert.match(r.stderr, /6 problems in 4 of 9 directories/);
    assert.doesNotMatch(r.stderr, /monstack-tools-|placeholder|\/checked\//, 'no temporary path in the report');
  });

  it('reports the tools skipped where they are not on PATH, and still runs every other check', () => {
    const noTools = { ...process.env, PATH: tempDir('monstack-empty-path-') };
    const fresh = monstack(['validate', '--env', 'dev', '--dir', synthesized], process.cwd(), noTools);
    assert.equal(fresh.status, 0, fresh.stderr);
    assert.equal(fresh.stdout.match(/^ {2}(promtool check config|promtool check rules): skipped \(promtool is not on PATH\)$/gm)?.length, 5);
    assert.equal(fresh.stdout.match(/^ {2}amtool check-config: skipped \(amtool is not on PATH\)$/gm)?.length, 3);
    assert.match(fresh.stdout, /^3 directories valid \(not checked by promtool, amtool: not on PATH\)$/m);

    const out = copyOfSynthesized();
    const compose = path.join(out, 'compose', 'dev', 'docker-compose.monitoring.yml');
    fs.writeFileSync(compose, fs.readFileSync(compose, 'utf8').replace('127.0.0.1:3000:3000', '0.0.0.0:3000:3000'));
    const broken = monstack(['validate', '--env', 'dev', '--dir', out], process.cwd(), noTools);
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /\[port\] publishes "0.0.0.0:3000:3000" on 0.0.0.0/);
  });

  it('exits non-zero listing each problem with its location', () => {
    const out = copyOfSynthesized();
    const compose = path.join(out, 'compose', 'dev', 'docker-compose.monitoring.yml');
    fs.writeFileSync(compose, fs.readFileSync(compose, 'utf8').replace('127.0.0.1:3000:3000', '0.0.0.0:3000:3000'));
    const manifest = path.join(out, 'k8s', 'prod', 'grafana.yaml');
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false'));
    const r = monstack(['validate', '--dir', out]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^FAIL .*compose\/dev \(1 problem\)$/m);
    assert.match(r.stderr, /compose\/dev\/docker-compose.monitoring.yml service grafana .services.grafana.ports\[0\]: \[port\] publishes "0.0.0.0:3000:3000" on 0.0.0.0/);
    assert.match(r.stderr, /k8s\/prod\/grafana.yaml Deployment\/grafana .spec.template.spec.containers\[0\].securityContext.readOnlyRootFilesystem: \[security\]/);
    assert.match(r.stderr, /2 problems in 2 of 9 directories/);
  });

  it('takes an environment file, and asks for it when a directory is not a built-in environment', () => {
    const work = tempDir('monstack-validate-file-');
    fs.writeFileSync(path.join(work, 'lab.yaml'), 'extends: prod\ndescription: A lab cluster\n');
    assert.equal(monstack(['synth', '--env', 'lab.yaml', '--out', 'out'], work).status, 0);
    const named = monstack(['validate', '--env', 'lab.yaml', '--dir', 'out'], work);
    assert.equal(named.status, 0, named.stderr);
    assert.match(named.stdout, /^ok out\/k8s\/lab$/m);
    const unnamed = monstack(['validate', '--dir', 'out'], work);
    assert.equal(unnamed.status, 1);
    assert.match(unnamed.stderr, /out\/k8s\/lab: \[environment\] cannot tell which secrets "lab" provides .*pass --env with its file/);
  });

  it('reads no FIFO in the output: one of the user\'s is passed over, one in place of a manifest is a missing file', () => {
    const out = copyOfSynthesized();
    execFileSync('mkfifo', [path.join(out, 'compose', 'dev', 'config', 'notes.yml')]);
    execFileSync('mkfifo', [path.join(out, 'k8s', 'dev', 'scratch.yaml')]);
    const quiet = monstack(['validate', '--env', 'dev', '--dir', out]);
    assert.equal(quiet.status, 0, quiet.stderr + quiet.stdout);
    fs.rmSync(path.join(out, 'operator', 'dev', 'monitors.yaml'));
    execFileSync('mkfifo', [path.join(out, 'operator', 'dev', 'monitors.yaml')]);
    const r = monstack(['validate', '--env', 'dev', '--dir', out]);
    assert.equal(r.status, 1);
    assert.match(r.stdout + r.stderr, /operator\/dev\/kustomization\.yaml .*lists monitors\.yaml, which does not exist/);
  });

  it('fails clearly when there is nothing to validate', () => {
    const empty = tempDir('monstack-validate-empty-');
    const r = monstack(['validate', '--dir', empty]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no k8s\/<env>.*compose\/<env>.* directories in .*: run `monstack synth` first/);
    const missing = monstack(['validate', '--env', 'prod', '--dir', empty]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no output for environment "prod"/);
  });
});
