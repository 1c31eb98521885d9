import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { monstack, tempDir } from '../helpers/cli';

describe('monstack validate', () => {
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
    for (const dir of ['k8s/dev', 'k8s/staging', 'k8s/prod', 'compose/dev', 'compose/staging', 'compose/prod']) assert.match(r.stdout, new RegExp(`^ok .*${dir}$`, 'm'));
    assert.match(r.stdout, /6 directories valid/);
  });

  it('checks only the named environment', () => {
    const r = monstack(['validate', '--env', 'staging', '--dir', synthesized]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [`ok ${path.join(synthesized, 'k8s', 'staging')}`, `ok ${path.join(synthesized, 'compose', 'staging')}`, '2 directories valid']);
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
    assert.match(r.stderr, /2 problems in 2 of 6 directories/);
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

  it('fails clearly when there is nothing to validate', () => {
    const empty = tempDir('monstack-validate-empty-');
    const r = monstack(['validate', '--dir', empty]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no k8s\/<env> or compose\/<env> directories in .*: run `monstack synth` first/);
    const missing = monstack(['validate', '--env', 'prod', '--dir', empty]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no output for environment "prod"/);
  });
});
