import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/config/errors';
import { builtinEnvironmentNames, loadEnvironment } from '../../src/config/load';
import { tempDir } from '../helpers/temp';

function envFile(text: string, name = 'custom.yaml'): string {
  const dir = tempDir('monstack-env-');
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected an error');
}

describe('environment loading', () => {
  it('offers dev, staging and prod', () => {
    assert.deepEqual(builtinEnvironmentNames(), ['dev', 'prod', 'staging']);
  });

  it('keeps 30 days of metrics in prod, as the guide does', () => {
    assert.equal(loadEnvironment('prod').components.prometheus?.retention, '30d');
  });

  it('merges staging over prod: its own values win, the rest is inherited', () => {
    const staging = loadEnvironment('staging');
    assert.equal(staging.components.prometheus?.storage, '50Gi');
    assert.equal(staging.components.alertmanager?.replicas, 3);
    assert.equal(staging.sources.length, 2);
  });

  it('builds on a built-in environment from a file', () => {
    const file = envFile('extends: prod\nnamespace: observability\ncomponents:\n  grafana:\n    enabled: false\n');
    const env = loadEnvironment(file);
    assert.equal(env.name, 'custom');
    assert.equal(env.namespace, 'observability');
    assert.equal(env.components.prometheus?.replicas, 2);
    assert.equal(env.components.grafana?.enabled, false);
  });

  it('names the file, key path and line of an unknown key, with a suggestion', () => {
    const file = envFile('extends: dev\ncomponents:\n  prometheus:\n    retension: 10d\n');
    const error = configError(() => loadEnvironment(file));
    assert.equal(error.file, file);
    assert.equal(error.keyPath, 'components.prometheus.retension');
    assert.equal(error.line, 4);
    assert.match(error.message, /unknown key \(did you mean "retention"\?\)/);
  });

  it('names the key and line of a value of the wrong type', () => {
    const file = envFile('components:\n  alertmanager:\n    replicas: three\n');
    const error = configError(() => loadEnvironment(file));
    assert.equal(error.keyPath, 'components.alertmanager.replicas');
    assert.equal(error.line, 3);
    assert.match(error.message, /must be of type integer/);
  });

  it('names the line of broken YAML', () => {
    const file = envFile('components:\n  prometheus:\n    retention: [30d\n  grafana: {}\n');
    const error = configError(() => loadEnvironment(file));
    assert.match(error.message, /invalid YAML/);
    assert.ok(error.line !== undefined && error.line >= 3, `line ${error.line}`);
  });

  it('rejects a bad duration and a latest tag', () => {
    assert.match(configError(() => loadEnvironment(envFile('components:\n  loki:\n    retention: 30 days\n'))).message, /components\.loki\.retention/);
    assert.match(configError(() => loadEnvironment(envFile('components:\n  grafana:\n    image: grafana/grafana:latest\n'))).message, /not pinned: latest moves/);
  });

  it('takes a pinned image from a registry with a port, and refuses one without a tag', () => {
    const env = loadEnvironment(envFile('components:\n  grafana:\n    image: registry.local:5000/mirror/grafana:13.2.0\n'));
    assert.equal(env.components.grafana?.image, 'registry.local:5000/mirror/grafana:13.2.0');
    assert.match(configError(() => loadEnvironment(envFile('components:\n  grafana:\n    image: registry.local:5000/mirror/grafana\n'))).message, /components\.grafana\.image/);
  });

  it('rejects an unknown environment and a missing file', () => {
    assert.match(configError(() => loadEnvironment('qa')).message, /no such environment; built-in ones are dev, prod, staging/);
    assert.match(configError(() => loadEnvironment('/nonexistent/env.yaml')).message, /cannot read the file \(ENOENT\)/);
  });

  it('detects an extends cycle', () => {
    const dir = tempDir('monstack-cycle-');
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'extends: ./b.yaml\n');
    fs.writeFileSync(path.join(dir, 'b.yaml'), 'extends: ./a.yaml\n');
    assert.match(configError(() => loadEnvironment(path.join(dir, 'a.yaml'))).message, /cycle: a\.yaml → b\.yaml → a\.yaml/);
  });

  it('leaves a setting inherited from a base that runs the component alone when a file turns it off', () => {
    // prod keeps index retention (applied by Logstash); dev routes alerts quietly (Alertmanager's routing).
    const noLogstash = loadEnvironment(envFile('extends: prod\ncomponents:\n  logstash:\n    enabled: false\n  logstash-exporter:\n    enabled: false\n'));
    assert.equal(noLogstash.components.elasticsearch?.retention, '30d');
    const noAlertmanager = loadEnvironment(envFile('extends: dev\ncomponents:\n  alertmanager:\n    enabled: false\n'));
    assert.equal(noAlertmanager.alerting.routing.notify, false);
    // The same settings in the file that turns the component off do nothing, and are refused.
    assert.match(
      configError(() => loadEnvironment(envFile('extends: dev\ncomponents:\n  alertmanager:\n    enabled: false\nalerting:\n  routing:\n    groupWait: 1m\n'))).message,
      /custom\.yaml:6: alerting\.routing: does nothing: Alertmanager routes the alerts/,
    );
  });

  it('takes the Elasticsearch exporter as a component with its own image', () => {
    const env = loadEnvironment(envFile('extends: dev\ncomponents:\n  elasticsearch-exporter:\n    image: prometheuscommunity/elasticsearch-exporter:v1.10.0\n    resources: { limits: { memory: 256Mi } }\n'));
    assert.equal(env.components['elasticsearch-exporter']?.image, 'prometheuscommunity/elasticsearch-exporter:v1.10.0');
  });

  it('names the line of the request and the source of the limit when a request is above it', () => {
    const dir = tempDir('monstack-limits-');
    fs.writeFileSync(path.join(dir, 'base.yaml'), 'extends: dev\ncomponents:\n  loki:\n    resources:\n      limits: { cpu: 500m }\n');
    fs.writeFileSync(path.join(dir, 'env.yaml'), 'extends: ./base.yaml\ncomponents:\n  loki:\n    resources:\n      requests:\n        cpu: "2"\n');
    const error = configError(() => loadEnvironment(path.join(dir, 'env.yaml')));
    assert.equal(error.file, path.join(dir, 'env.yaml'));
    assert.equal(error.line, 6);
    assert.match(error.message, /requests\.cpu 2 \(.*env\.yaml:6\) > limits\.cpu 500m \(.*base\.yaml:5\)/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('returns warnings with the environment, not errors', () => {
    const env = loadEnvironment(envFile('extends: dev\ncompose:\n  bindAddress: 192.168.1.10\n'));
    assert.deepEqual(env.warnings.map((w) => [w.keyPath, w.line]), [['compose.bindAddress', 3]]);
    assert.deepEqual(loadEnvironment('prod').warnings, []);
  });

  it('refuses an extends naming a missing file at its line', () => {
    const error = configError(() => loadEnvironment(envFile('description: x\nextends: ./missing.yaml\n')));
    assert.equal(error.keyPath, 'extends');
    assert.equal(error.line, 2);
  });
});
