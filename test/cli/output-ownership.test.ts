/**
 * Synth writes only what it owns: the output directory must be absent, empty or monstack's own; every
 * check runs before the first write; a refused synth leaves a user's output directory (built-in and
 * custom environments, `.env`, `secrets/`, folders of their own) byte for byte as it was.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { monstack, tempDir } from '../helpers/cli';
import { assertRefused, copyOf, fullSnapshot, populatedOutput, WITHOUT_PROMETHEUS } from '../helpers/populated';

describe('synth refuses an output directory that is not its own', () => {
  let populated: string;
  before(() => {
    populated = populatedOutput();
  });

  it('refuses an empty --out, and writes nothing into the current directory', () => {
    const cwd = copyOf(populated);
    const before_ = fullSnapshot(cwd);
    assertRefused(monstack(['synth', '--env', 'dev', '--out', ''], cwd), /^error: --out is empty/);
    assert.deepEqual(fullSnapshot(cwd), before_);
  });

  it('refuses the filesystem root', () => {
    const before_ = fs.readdirSync('/').sort();
    assertRefused(monstack(['synth', '--env', 'dev', '--out', '/']), /^error: --out \/: refusing to write into the filesystem root/);
    assert.deepEqual(fs.readdirSync('/').sort(), before_);
  });

  it('refuses the home directory, and an unexpanded ~', () => {
    const home = tempDir('monstack-home-');
    fs.writeFileSync(path.join(home, '.bashrc'), '# the user’s\n');
    const before_ = fullSnapshot(home);
    const env = { ...process.env, HOME: home };
    assertRefused(monstack(['synth', '--env', 'dev', '--out', home], home, env), /refusing to write into the home directory/);
    assertRefused(monstack(['synth', '--env', 'dev', '--out', `${home}/`], home, env), /refusing to write into the home directory/);
    assertRefused(monstack(['synth', '--env', 'dev', '--out', '~'], home, env), /"~" is not expanded here/);
    assert.deepEqual(fullSnapshot(home), before_);
  });

  it('refuses a non-empty directory of someone else’s files', () => {
    const foreign = tempDir('monstack-foreign-');
    fs.mkdirSync(path.join(foreign, 'k8s', 'dev'), { recursive: true });
    fs.writeFileSync(path.join(foreign, 'k8s', 'dev', 'mine.yaml'), 'kind: Mine\n');
    const before_ = fullSnapshot(foreign);
    assertRefused(monstack(['synth', '--out', foreign]), /is not empty and is not monstack output \(it has no \.monstack-output\)/);
    assert.deepEqual(fullSnapshot(foreign), before_);
  });

  it('refuses a file given as --out', () => {
    const file = path.join(tempDir('monstack-file-'), 'out');
    fs.writeFileSync(file, 'not a directory\n');
    assertRefused(monstack(['synth', '--env', 'dev', '--out', file]), /is a file, not a directory/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'not a directory\n');
  });

  const layouts: { name: string; damage: (out: string) => void; message: RegExp }[] = [
    {
      name: 'compose/ is a file',
      damage: (out) => {
        fs.rmSync(path.join(out, 'compose'), { recursive: true });
        fs.writeFileSync(path.join(out, 'compose'), 'a file where a directory must go\n');
      },
      message: /out\/compose is a file, not a directory: synth writes compose\/dev\/ there/,
    },
    {
      name: 'an environment directory synth did not write',
      damage: (out) => fs.rmSync(path.join(out, 'runbooks', 'dev', '.monstack-files')),
      message: /out\/runbooks\/dev exists and was not written by this monstack \(it holds no \.monstack-files list\)/,
    },
    {
      name: 'a user’s file where synth would now write one',
      damage: (out) => {
        const list = path.join(out, 'k8s', 'dev', '.monstack-files');
        fs.writeFileSync(list, fs.readFileSync(list, 'utf8').replace('grafana.yaml\n', ''));
        fs.writeFileSync(path.join(out, 'k8s', 'dev', 'grafana.yaml'), 'kind: TheUsersOwn\n');
      },
      message: /out\/k8s\/dev\/grafana\.yaml is not on synth's list of what it wrote, and synth would now write grafana\.yaml there/,
    },
    {
      // Comparing it with what synth would write used to read it, and the read never returned.
      name: 'a FIFO where synth would now write a file',
      damage: (out) => {
        const list = path.join(out, 'k8s', 'dev', '.monstack-files');
        fs.writeFileSync(list, fs.readFileSync(list, 'utf8').replace('grafana.yaml\n', ''));
        fs.rmSync(path.join(out, 'k8s', 'dev', 'grafana.yaml'));
        execFileSync('mkfifo', [path.join(out, 'k8s', 'dev', 'grafana.yaml')]);
      },
      message: /out\/k8s\/dev\/grafana\.yaml is not on synth's list of what it wrote, and synth would now write grafana\.yaml there/,
    },
    {
      name: 'a FIFO in place of synth\'s list of what it wrote',
      damage: (out) => {
        fs.rmSync(path.join(out, 'runbooks', 'dev', '.monstack-files'));
        execFileSync('mkfifo', [path.join(out, 'runbooks', 'dev', '.monstack-files')]);
      },
      message: /out\/runbooks\/dev exists and was not written by this monstack \(it holds no \.monstack-files list\)/,
    },
    {
      name: 'an environment directory that is a file',
      damage: (out) => {
        fs.rmSync(path.join(out, 'runbooks', 'dev'), { recursive: true });
        fs.writeFileSync(path.join(out, 'runbooks', 'dev'), 'a file\n');
      },
      message: /out\/runbooks\/dev is a file, not a directory synth wrote/,
    },
  ];
  for (const layout of layouts) {
    it(`refuses an output where ${layout.name}, before writing anything`, () => {
      const out = copyOf(populated);
      layout.damage(out);
      const before_ = fullSnapshot(out);
      assertRefused(monstack(['synth', '--env', 'dev', '--out', out]), layout.message);
      assert.deepEqual(fullSnapshot(out), before_);
    });
  }
});

describe('environment names', () => {
  let populated: string;
  const envDir = tempDir('monstack-names-');
  before(() => {
    populated = populatedOutput();
  });

  const names = ['..', '...', 'EU', 'eu_prod', '-eu', 'eu-', 'a'.repeat(64)];
  for (const name of names) {
    it(`refuses an environment file named ${name.length > 10 ? `${name.slice(0, 6)}… (${name.length} characters)` : `${name}.yaml`}`, () => {
      const file = path.join(envDir, `${name}.yaml`);
      fs.writeFileSync(file, 'extends: dev\n');
      const out = copyOf(populated);
      const before_ = fullSnapshot(out);
      const shown = name.replace(/[.]/g, '\\.');
      assertRefused(monstack(['synth', '--env', 'dev', '--env', file, '--out', out]), new RegExp(`${shown}\\.yaml: the environment is named "${shown}" after its file, and that name must be a DNS-1123 label`));
      assert.deepEqual(fullSnapshot(out), before_);
      const fresh = path.join(tempDir('monstack-fresh-'), 'out');
      assert.equal(monstack(['synth', '--env', file, '--out', fresh]).status, 1);
      assert.ok(!fs.existsSync(fresh));
    });
  }

  it('refuses two environments that would write the same directories', () => {
    fs.mkdirSync(path.join(envDir, 'other'), { recursive: true });
    fs.writeFileSync(path.join(envDir, 'other', 'dev.yaml'), 'extends: prod\n');
    const out = copyOf(populated);
    const before_ = fullSnapshot(out);
    assertRefused(monstack(['synth', '--env', 'dev', '--env', path.join(envDir, 'other', 'dev.yaml'), '--out', out]), /two environments would both write k8s\/dev/);
    assert.deepEqual(fullSnapshot(out), before_);
  });
});

describe('what synth keeps', () => {
  it('a full synth rewrites the built-in environments and keeps a custom one, its .env and the user’s folders', () => {
    const out = populatedOutput();
    const kept = [...fullSnapshot(out)].filter(([rel]) => !/^(k8s|compose|runbooks)\/(dev|staging|prod)(\/|$)/.test(rel) || /\/(\.env|secrets)(\/|$)/.test(rel));
    fs.writeFileSync(path.join(out, 'k8s', 'dev', 'grafana.yaml'), 'edited by hand\n');
    const r = monstack(['synth', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    const after = fullSnapshot(out);
    for (const [rel, entry] of kept) assert.equal(after.get(rel), entry, rel);
    assert.notEqual(fs.readFileSync(path.join(out, 'k8s', 'dev', 'grafana.yaml'), 'utf8'), 'edited by hand\n');
    for (const env of ['dev', 'staging', 'prod']) assert.ok(fs.existsSync(path.join(out, 'compose', env, 'docker-compose.monitoring.yml')), env);
    assert.deepEqual(fs.readdirSync(path.join(out, 'k8s')).sort(), ['README.txt', 'dev', 'eu-prod', 'prod', 'staging']);
  });

  it('takes over a file off its list that already holds exactly what it would write', () => {
    const out = populatedOutput();
    const list = path.join(out, 'k8s', 'dev', '.monstack-files');
    const listed = fs.readFileSync(list, 'utf8');
    fs.writeFileSync(list, listed.replace('grafana.yaml\n', ''));
    const r = monstack(['synth', '--env', 'dev', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(list, 'utf8'), listed);
  });

  it('removes a file it wrote and no longer renders, and keeps every file of the user’s in that directory', () => {
    const out = populatedOutput();
    const dir = path.join(out, 'compose', 'dev');
    const list = path.join(dir, '.monstack-files');
    fs.writeFileSync(path.join(dir, 'config', 'old-bundle.yml'), 'synth wrote this once\n');
    fs.writeFileSync(list, `${fs.readFileSync(list, 'utf8')}config/old-bundle.yml\n`);
    fs.writeFileSync(path.join(dir, 'docker-compose.override.yml'), 'services: {}\n');
    fs.writeFileSync(path.join(dir, 'config', 'notes.txt'), 'beside synth’s files\n');
    const r = monstack(['synth', '--env', 'dev', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!fs.existsSync(path.join(dir, 'config', 'old-bundle.yml')));
    assert.equal(fs.readFileSync(path.join(dir, 'docker-compose.override.yml'), 'utf8'), 'services: {}\n');
    assert.equal(fs.readFileSync(path.join(dir, 'config', 'notes.txt'), 'utf8'), 'beside synth’s files\n');
    assert.doesNotMatch(fs.readFileSync(path.join(dir, '.monstack-files'), 'utf8'), /notes|override|\.env|old-bundle/);
    assert.equal(fs.readFileSync(path.join(dir, '.env'), 'utf8'), 'GRAFANA_ADMIN_PASSWORD=kept-dev\n');
    assert.equal(fs.statSync(path.join(dir, '.env')).mode & 0o777, 0o600);
  });

  it('removes the runbooks it wrote for an environment once its Prometheus is off, and nothing else', () => {
    const work = tempDir('monstack-no-prometheus-');
    const file = path.join(work, 'lean.yaml');
    fs.writeFileSync(file, 'extends: dev\n');
    const out = path.join(work, 'out');
    assert.equal(monstack(['synth', '--env', file, '--out', out]).status, 0);
    assert.ok(fs.existsSync(path.join(out, 'runbooks', 'lean', 'README.md')));
    fs.writeFileSync(file, `extends: dev\ncomponents:\n${WITHOUT_PROMETHEUS}`);
    const r = monstack(['synth', '--env', file, '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!fs.existsSync(path.join(out, 'runbooks', 'lean')));
    assert.ok(fs.existsSync(path.join(out, 'k8s', 'lean', 'kustomization.yaml')));
  });
});
