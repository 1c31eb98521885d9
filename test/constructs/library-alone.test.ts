/**
 * The construct library (constructs/, alerts/, dashboards/) stands alone: it imports nothing of the CLI
 * (src/), reads no file, and a program can make a stack from typed props without an environment file.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Construct } from 'constructs';
import { AlertOverrideError } from '../../alerts/model/resolve';
import { CATALOGUES, APPLICATION_JOB } from '../../constructs/catalogues';
import { COMPONENT_NAMES, COMPONENTS } from '../../constructs/component-table';
import { MonitoringStack, MonitoringStackProps } from '../../constructs/stack';
import { KubernetesPlatform } from '../../src/render/kubernetes/platform';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const LIBRARY = ['constructs', 'alerts', 'dashboards'];

function sourcesBelow(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourcesBelow(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file names: static and type-only imports, re-exports, require() and import(). */
function specifiersOf(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)) {
    found.push(m[1] ?? m[2] ?? m[3]);
  }
  return found;
}

const LAB: MonitoringStackProps = {
  name: 'lab',
  application: {
    scrape: { job: 'trainer', metricsPath: '/metrics', staticTargets: ['host.docker.internal:8000'] },
    redis: { cluster: 'redis:6379', compose: 'host.docker.internal:6379' },
    postgres: { address: { cluster: 'postgres:5432', compose: 'host.docker.internal:5432' }, database: 'lab', sslmode: 'disable', user: 'exporter' },
  },
  alerting: { runbookBaseUrl: 'https://runbooks.lab.example' },
};

function labStack(props: Partial<MonitoringStackProps> = {}): MonitoringStack {
  return new MonitoringStack(new Construct(undefined as never, ''), 'lab', { ...LAB, ...props });
}

describe('the construct library', () => {
  const files = LIBRARY.flatMap((d) => sourcesBelow(path.join(ROOT, d)));

  it('imports nothing from src/ and no file-system module', () => {
    assert.ok(files.length > 50, `found only ${files.length} library files`);
    const wrong: string[] = [];
    for (const file of files) {
      for (const spec of specifiersOf(fs.readFileSync(file, 'utf8'))) {
        const inSrc = spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(path.join(ROOT, 'src') + path.sep);
        if (inSrc || /^(node:)?fs(\/|$)/.test(spec)) wrong.push(`${path.relative(ROOT, file)}: ${spec}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('sees every kind of import the check looks for', () => {
    const text = "import { a } from '../src/x';\nimport type { B } from \"../../src/y\";\nexport * from '../src/z';\nconst c = require('../src/w');\nimport 'fs';\n";
    assert.deepEqual(specifiersOf(text), ['../src/x', '../../src/y', '../src/z', '../src/w', 'fs']);
  });
});

describe('a stack made from typed props', () => {
  it('makes every component of the table except those turned off', () => {
    const stack = labStack({ components: { 'gpu-exporter': false, kibana: false } });
    const names = [...stack.componentNames];
    assert.deepEqual(names, COMPONENT_NAMES.filter((n) => n !== 'gpu-exporter' && n !== 'kibana' && n !== 'jaeger-index-cleaner'));
    assert.equal(stack.component('gpu-exporter'), undefined);
    assert.equal(stack.component('prometheus'), stack.prometheus);
  });

  it('passes a component its props, and the stack its facts', () => {
    const stack = labStack({ components: { prometheus: { retention: '45d', replicas: 2 } } });
    const prometheus = stack.describe(new KubernetesPlatform('lab')).find((s) => s.name === 'prometheus')!;
    assert.equal(prometheus.replicas, 2);
    assert.ok(prometheus.args?.includes('--storage.tsdb.retention.time=45d'), String(prometheus.args));
    assert.ok(stack.scrapeJobs.has('trainer'));
    assert.deepEqual((stack.prometheus!.config(new KubernetesPlatform('lab')) as { global: unknown }).global, { scrape_interval: '30s', evaluation_interval: '30s', external_labels: { environment: 'lab' } });
  });

  it('keeps spans in Elasticsearch only where the stack runs it, and cleans them there', () => {
    assert.equal(labStack({ tracing: { storage: 'elasticsearch' } }).jaegerIndexCleaner?.serviceName, 'jaeger-index-cleaner');
    const without = labStack({ tracing: { storage: 'elasticsearch' }, components: { elasticsearch: false, logstash: false, kibana: false, 'elasticsearch-exporter': false, 'logstash-exporter': false } });
    assert.equal(without.jaeger?.storage.kind, 'memory');
    assert.equal(without.jaegerIndexCleaner, undefined);
  });

  it('refuses an override of an unknown alert with its key path, for the caller to place', () => {
    const stack = labStack({ alerting: { runbookBaseUrl: 'https://runbooks.lab.example', rules: { HostHighCpuUsag: { enabled: false } } } });
    assert.throws(
      () => stack.alerting.checkOverrides(),
      (e: unknown) => e instanceof AlertOverrideError && e.keyPath.join('.') === 'alerting.rules.HostHighCpuUsag' && /did you mean "HostHighCpuUsage"/.test(e.detail),
    );
  });
});

describe('the component table', () => {
  for (const name of COMPONENT_NAMES) {
    it(`${name}: has a catalogue exactly where it has a scrape job of its name`, () => {
      const { settings, metrics } = COMPONENTS[name] as { settings: { scrapeJobs: readonly string[] }; metrics?: unknown };
      assert.deepEqual(settings.scrapeJobs, metrics ? [name] : []);
      assert.equal(CATALOGUES[name], metrics);
    });
  }

  it('gives the catalogues of the scraped components and the application job, nothing else', () => {
    const scraped = COMPONENT_NAMES.filter((n) => COMPONENTS[n].settings.scrapeJobs.length > 0);
    assert.deepEqual(Object.keys(CATALOGUES).sort(), [...scraped, APPLICATION_JOB].sort());
  });
});
