/**
 * The README's environment example, exactly as printed: the `envs/eu-prod.yaml` block and its extension
 * module `envs/eu-prod.js`, written side by side and synthesized the way the README says.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { monstack, snapshot, tempDir } from '../helpers/cli';

const README = path.resolve(__dirname, '..', '..', '..', 'README.md');

/** The fenced block of `lang` whose first line names `file`. */
function block(readme: string, lang: string, file: string): string {
  for (const m of readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))) {
    if (m[1].split('\n')[0].includes(file)) return m[1];
  }
  throw new Error(`README has no ${lang} block for ${file}`);
}

describe('README environment example', () => {
  it('synthesizes as written: namespace, storage, tuned alert, extra scrape job, GPU exporter off', () => {
    const readme = fs.readFileSync(README, 'utf8');
    const dir = tempDir('monstack-readme-');
    fs.mkdirSync(path.join(dir, 'envs'));
    fs.writeFileSync(path.join(dir, 'envs', 'eu-prod.yaml'), block(readme, 'yaml', 'envs/eu-prod.yaml'));
    fs.writeFileSync(path.join(dir, 'envs', 'eu-prod.js'), block(readme, 'js', 'envs/eu-prod.js'));
    const out = tempDir('monstack-readme-out-');
    const r = monstack(['synth', '--env', 'envs/eu-prod.yaml', '--out', out], dir);
    assert.equal(r.status, 0, r.stderr);
    const files = snapshot(out);
    const prometheus = files.get('k8s/eu-prod/prometheus.yaml') ?? '';
    assert.match(prometheus, /namespace: monitoring-eu/);
    assert.match(prometheus, /storage: 500Gi/);
    assert.match(prometheus, /job_name: parameter-server/);
    assert.ok(!files.has('k8s/eu-prod/gpu-exporter.yaml'));
    assert.match(files.get('compose/eu-prod/config/prometheus-config/prometheus.yml') ?? '', /job_name: parameter-server/);
    // The comment promises one alert tuned: the runbook shows the environment's threshold.
    const tuned = /alerting:\s*\n\s*rules:\s*\n\s*(\w+):/.exec(block(readme, 'yaml', 'envs/eu-prod.yaml'));
    assert.ok(tuned, 'the example tunes an alert');
    assert.ok(files.has(`runbooks/eu-prod/${tuned[1]}.md`));
  });
});
