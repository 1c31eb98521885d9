/**
 * The README has the user keep `.env` and `secrets/` beside the compose file, inside dist/: a later
 * synth rewrites the directory around them and must leave them as they were.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { monstack, snapshot, tempDir } from '../helpers/cli';

describe('synth and the files the user keeps beside the compose file', () => {
  it('keeps .env and secrets/ across a second synth, and still swaps the generated files', () => {
    const out = tempDir('monstack-user-files-');
    assert.equal(monstack(['synth', '--env', 'prod', '--out', out]).status, 0);
    const dir = path.join(out, 'compose', 'prod');
    fs.writeFileSync(path.join(dir, '.env'), 'GRAFANA_ADMIN_PASSWORD=kept\n', { mode: 0o600 });
    fs.mkdirSync(path.join(dir, 'secrets', 'alertmanager-receivers'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'secrets', 'alertmanager-receivers', 'pagerduty-routing-key'), 'kept-key\n');
    const compose = path.join(dir, 'docker-compose.monitoring.yml');
    fs.writeFileSync(compose, 'edited by hand\n');

    const r = monstack(['synth', '--env', 'prod', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(dir, '.env'), 'utf8'), 'GRAFANA_ADMIN_PASSWORD=kept\n');
    assert.equal(fs.statSync(path.join(dir, '.env')).mode & 0o777, 0o600);
    assert.equal(fs.readFileSync(path.join(dir, 'secrets', 'alertmanager-receivers', 'pagerduty-routing-key'), 'utf8'), 'kept-key\n');
    assert.notEqual(fs.readFileSync(compose, 'utf8'), 'edited by hand\n');
    assert.deepEqual(fs.readdirSync(path.join(out, 'compose')).sort(), ['prod']);
  });
});

describe("the README's custom-environment workflow, then a full synth", () => {
  const README = path.resolve(__dirname, '..', '..', '..', 'README.md');
  const block = (lang: string, file: string) => {
    for (const m of fs.readFileSync(README, 'utf8').matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))) {
      if (m[1].split('\n')[0].includes(file)) return m[1];
    }
    throw new Error(`README has no ${lang} block for ${file}`);
  };

  it('keeps the custom environment and the .env of its credentials', () => {
    const work = tempDir('monstack-workflow-');
    fs.mkdirSync(path.join(work, 'envs'));
    fs.writeFileSync(path.join(work, 'envs', 'eu-prod.yaml'), block('yaml', 'envs/eu-prod.yaml'));
    fs.writeFileSync(path.join(work, 'envs', 'eu-prod.js'), block('js', 'envs/eu-prod.js'));
    const out = path.join(work, 'dist');
    assert.equal(monstack(['synth', '--out', out], work).status, 0);
    const custom = monstack(['synth', '--env', 'envs/eu-prod.yaml', '--out', out], work);
    assert.equal(custom.status, 0, custom.stderr);
    const secrets = monstack(['secrets', '--env', 'envs/eu-prod.yaml', '--target', 'compose'], work);
    assert.equal(secrets.status, 0, secrets.stderr);
    const envFile = path.join(out, 'compose', 'eu-prod', '.env');
    fs.writeFileSync(envFile, secrets.stdout, { mode: 0o600 });
    const customOutput = [...snapshot(out)].filter(([file]) => file.split(path.sep)[1] === 'eu-prod');
    assert.ok(customOutput.length > 50);

    const full = monstack(['synth', '--out', out], work);
    assert.equal(full.status, 0, full.stderr);
    const after = snapshot(out);
    for (const [file, contents] of customOutput) assert.equal(after.get(file), contents, file);
    assert.equal(fs.readFileSync(envFile, 'utf8'), secrets.stdout);
    assert.match(full.stdout, /wrote .*compose\/prod\//);
    assert.doesNotMatch(full.stdout, /eu-prod/);
  });
});
