/**
 * The README has the user keep `.env` and `secrets/` beside the compose file, inside dist/: a later
 * synth rewrites the directory around them and must leave them as they were.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { monstack, tempDir } from '../helpers/cli';

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
