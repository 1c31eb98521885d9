/**
 * The README's worked example of adding a component (an OpenTelemetry Collector) is real: its three blocks
 * go into a copy of the sources, which must compile; then the copy's CLI takes `components.otel-collector`,
 * renders and scrapes it on every target (and `monstack validate` passes), checks rules against its catalogue, refuses what it declares it
 * does not take, and `npm run docs` lists it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { tempDir } from '../helpers/cli';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The README's ```ts block that starts with `// <file>`. */
function readmeBlock(file: string): string {
  const start = '```ts\n// ' + file;
  const at = README.indexOf(start);
  assert.ok(at >= 0, `README has the ${file} block`);
  return README.slice(at + '```ts\n'.length, README.indexOf('```', at + start.length));
}

/** The table block's imports after the table's last import, its entry at the end of COMPONENTS. */
function withTableLine(table: string, block: string): string {
  const lines = block.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('//'));
  const imports = lines.filter((l) => l.startsWith('import '));
  const entry = lines.filter((l) => !l.startsWith('import '));
  assert.equal(entry.length, 1, 'one line in the table');
  const lastImport = table.lastIndexOf('\nimport ');
  const afterImports = table.indexOf('\n', table.indexOf(';', lastImport)) + 1;
  const end = table.indexOf('\n});\n', table.indexOf('export const COMPONENTS'));
  assert.ok(afterImports > 0 && end > afterImports, 'the table has imports and COMPONENTS');
  return table.slice(0, afterImports) + imports.join('\n') + '\n' + table.slice(afterImports, end) + '\n' + entry[0] + table.slice(end);
}

describe("the README's added component", () => {
  const copy = tempDir('monstack-readme-component-');
  const run = (args: readonly string[]) => spawnSync(process.execPath, args, { cwd: copy, encoding: 'utf8' });
  const synth = (name: string, text: string, extension?: string) => {
    const dir = path.join(copy, 'envs');
    fs.mkdirSync(dir, { recursive: true });
    if (extension) fs.writeFileSync(path.join(dir, `${name}.js`), extension);
    fs.writeFileSync(path.join(dir, `${name}.yaml`), text);
    return run([path.join(copy, 'lib', 'src', 'cli.js'), 'synth', '--env', `envs/${name}.yaml`, '--out', `out-${name}`]);
  };

  before(() => {
    for (const dir of ['constructs', 'alerts', 'dashboards', 'src']) fs.cpSync(path.join(ROOT, dir), path.join(copy, dir), { recursive: true });
    for (const file of ['README.md', 'package.json']) fs.copyFileSync(path.join(ROOT, file), path.join(copy, file));
    const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] };
    tsconfig.include = tsconfig.include.filter((p) => !p.startsWith('test/'));
    fs.writeFileSync(path.join(copy, 'tsconfig.json'), JSON.stringify(tsconfig));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(copy, 'constructs', 'otel-collector.ts'), readmeBlock('constructs/otel-collector.ts'));
    fs.writeFileSync(path.join(copy, 'constructs', 'catalogues', 'otel-collector.ts'), readmeBlock('constructs/catalogues/otel-collector.ts'));
    const table = path.join(copy, 'constructs', 'component-table.ts');
    fs.writeFileSync(table, withTableLine(fs.readFileSync(table, 'utf8'), readmeBlock('constructs/component-table.ts')));
  });

  after(() => fs.rmSync(copy, { recursive: true, force: true }));

  it('compiles with the sources', () => {
    const tsc = run([path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  });

  it('is a setting of the environment schema, rendered and scraped on both targets', () => {
    const r = synth('otel', 'extends: dev\ncomponents:\n  otel-collector:\n    replicas: 2\n    resources: { limits: { memory: 300Mi } }\n');
    assert.equal(r.status, 0, r.stderr);
    const out = path.join(copy, 'out-otel');
    const k8s = yaml.loadAll(fs.readFileSync(path.join(out, 'k8s', 'otel', 'otel-collector.yaml'), 'utf8')) as { kind: string; spec?: { replicas?: number } }[];
    assert.equal(k8s.find((d) => d.kind === 'Deployment')?.spec?.replicas, 2);
    assert.ok(k8s.some((d) => d.kind === 'ConfigMap') && k8s.some((d) => d.kind === 'Service'));
    assert.match(fs.readFileSync(path.join(out, 'k8s', 'otel', 'prometheus.yaml'), 'utf8'), /job_name: otel-collector/);
    const compose = yaml.load(fs.readFileSync(path.join(out, 'compose', 'otel', 'docker-compose.monitoring.yml'), 'utf8')) as { services: Record<string, { mem_limit?: string }> };
    assert.equal(compose.services['otel-collector']?.mem_limit, '300m');
    assert.match(fs.readFileSync(path.join(out, 'compose', 'otel', 'config', 'prometheus-config', 'prometheus.yml'), 'utf8'), /job_name: otel-collector/);
    const monitors = yaml.loadAll(fs.readFileSync(path.join(out, 'operator', 'otel', 'monitors.yaml'), 'utf8')) as { kind: string; metadata: { name: string } }[];
    assert.ok(monitors.some((m) => m.kind === 'ServiceMonitor' && m.metadata.name === 'otel-collector'), 'a ServiceMonitor');
    // The strict Kubernetes and operator schemas, the security baseline, promtool and amtool.
    const validate = run([path.join(copy, 'lib', 'src', 'cli.js'), 'validate', '--dir', 'out-otel', '--env', 'envs/otel.yaml']);
    assert.equal(validate.status, 0, validate.stdout + validate.stderr);
  });

  it('checks rules against its catalogue', () => {
    const rule = (expr: string) =>
      `exports.extend = (stack) => stack.prometheus?.addRuleFile('otel.yaml', ${JSON.stringify(`groups:\n  - name: otel\n    rules:\n      - alert: OtelCollectorDropsSpans\n        expr: ${expr}\n`)});\n`;
    const ok = synth('otel-rule', 'extends: dev\nextensions: [./otel-rule.js]\n', rule('rate(otelcol_exporter_send_failed_spans_total[5m]) > 0'));
    assert.equal(ok.status, 0, ok.stderr);
    const bad = synth('otel-typo', 'extends: dev\nextensions: [./otel-typo.js]\n', rule('rate(otelcol_exporter_send_failed_span_total[5m]) > 0'));
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /otelcol_exporter_send_failed_span_total/);
  });

  it('refuses what its declaration does not offer, and a Jaeger it needs turned off', () => {
    const storage = synth('otel-storage', 'extends: dev\ncomponents:\n  otel-collector:\n    storage: 1Gi\n');
    assert.equal(storage.status, 1);
    assert.match(storage.stderr, /otel-storage\.yaml:4: components\.otel-collector\.storage: otel-collector does not take storage: it keeps no data of its own/);
    const replicas = synth('otel-replicas', 'extends: dev\ncomponents:\n  otel-collector:\n    replicas: 6\n');
    assert.equal(replicas.status, 1);
    assert.match(replicas.stderr, /otel-replicas\.yaml:4: components\.otel-collector\.replicas/);
    const jaegerOff = synth('otel-no-jaeger', 'extends: dev\ncomponents:\n  jaeger:\n    enabled: false\n');
    assert.equal(jaegerOff.status, 1);
    assert.match(jaegerOff.stderr, /it forwards every span to Jaeger/);
  });

  it('is listed by npm run docs', () => {
    const docs = run([path.join(copy, 'lib', 'src', 'docs', 'update-readme.js')]);
    assert.equal(docs.status, 0, docs.stderr);
    assert.match(fs.readFileSync(path.join(copy, 'README.md'), 'utf8'), /^\| otel-collector \| 1–5 \|/m);
  });
});
