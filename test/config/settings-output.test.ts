/**
 * Every setting a component declares changes what synth writes: one row per component and setting,
 * rendered for both targets against the same environment without it. Where a setting means nothing on
 * a single compose host (copies, volume sizes), the compose output must be exactly unchanged, as the
 * README says.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { COMPONENT_NAMES, COMPONENT_SETTINGS, ComponentName } from '../../constructs/component-table';
import { renderCompose, COMPOSE_FILE } from '../../src/render/compose/renderer';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { EnvironmentStack, newStack } from '../../src/build-stack';
import { loadEnvironment } from '../../src/config/load';
import { tempDir } from '../helpers/temp';

/** A stack from an environment file's text, loaded by path as a user's file is; the file is removed after. */
function stackFromYaml(text: string): EnvironmentStack {
  const dir = tempDir('monstack-settings-');
  try {
    const file = path.join(dir, 'custom.yaml');
    fs.writeFileSync(file, text);
    return newStack(loadEnvironment(file));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const BASE = 'extends: dev\n';
/** The environment a component runs in: the index cleaner only where Jaeger keeps spans in Elasticsearch. */
const baseOf = (name: ComponentName) => (name === 'jaeger-index-cleaner' ? `${BASE}tracing:\n  storage: elasticsearch\n` : BASE);

/** Settings compose has no rendering for: one host runs one copy, and a named volume has no size. */
const MEANINGLESS_ON_COMPOSE = new Set(['replicas', 'storage']);

interface Row {
  readonly setting: string;
  /** YAML lines under components.<name>. */
  readonly yaml: string;
  /** Other components that must be off with this change (enabled: false of a needed component). */
  readonly alsoOff?: readonly ComponentName[];
}

function rowsOf(name: ComponentName): Row[] {
  const d = COMPONENT_SETTINGS[name];
  const rows: Row[] = [
    { setting: 'image', yaml: `image: registry.local:5000/mirror/${name}:9.9.9` },
    { setting: 'resources.requests.cpu', yaml: 'resources: { requests: { cpu: 11m } }' },
    { setting: 'resources.requests.memory', yaml: 'resources: { requests: { memory: 13Mi } }' },
    { setting: 'resources.limits.cpu', yaml: 'resources: { limits: { cpu: "3" } }' },
    { setting: 'resources.limits.memory', yaml: 'resources: { limits: { memory: 3Gi } }' },
    { setting: 'enabled', yaml: 'enabled: false', alsoOff: dependants(name) },
  ];
  if (d.replicas) rows.push({ setting: 'replicas', yaml: 'replicas: 3' });
  if (d.storage) rows.push({ setting: 'storage', yaml: 'storage: 77Gi' });
  if (d.retention) rows.push({ setting: 'retention', yaml: 'retention: 9d' });
  return rows;
}

/** The components that need `name`, directly or not (they must be off with it). */
function dependants(name: string): ComponentName[] {
  const found: ComponentName[] = [];
  const visit = (n: string) => {
    for (const c of COMPONENT_NAMES) {
      if (!found.includes(c) && (COMPONENT_SETTINGS[c].needs ?? []).some((need) => need.component === n)) {
        found.push(c);
        visit(c);
      }
    }
  };
  visit(name);
  return found;
}

function rendered(text: string): { k8s: Map<string, string>; compose: Map<string, string> } {
  const stack = stackFromYaml(text);
  return { k8s: stack.inOnePass(() => renderKubernetes(stack)), compose: stack.inOnePass(() => renderCompose(stack)) };
}

function composeService(files: Map<string, string>, name: string): unknown {
  return (yaml.load(files.get(COMPOSE_FILE)!) as { services: Record<string, unknown> }).services[name];
}

const bases = new Map<string, ReturnType<typeof rendered>>();
const baseFor = (name: ComponentName) => {
  const text = baseOf(name);
  if (!bases.has(text)) bases.set(text, rendered(text));
  return bases.get(text)!;
};

describe('every declared setting changes the output', () => {
  for (const name of COMPONENT_NAMES) {
    for (const row of rowsOf(name)) {
      it(`${name}.${row.setting}`, () => {
        const off = (row.alsoOff ?? []).map((c) => `  ${c}:\n    enabled: false\n`).join('');
        const base = baseFor(name);
        const changed = rendered(`${baseOf(name)}components:\n  ${name}:\n    ${row.yaml}\n${off}`);
        // Kubernetes: the component's own file (or the one that applies the setting) changes.
        const file = `${row.setting === 'retention' ? COMPONENT_SETTINGS[name].retention?.appliedBy ?? name : name}.yaml`;
        if (row.setting === 'enabled') {
          assert.ok(base.k8s.has(file));
          assert.ok(!changed.k8s.has(file), `${file} still rendered`);
          assert.ok(composeService(base.compose, name));
          assert.equal(composeService(changed.compose, name), undefined);
          return;
        }
        assert.notEqual(changed.k8s.get(file), base.k8s.get(file), `k8s ${file} unchanged`);
        if (MEANINGLESS_ON_COMPOSE.has(row.setting)) {
          assert.deepEqual(changed.compose, base.compose, 'compose changed where it has no rendering for the setting');
        } else {
          assert.notDeepEqual(changed.compose, base.compose, 'compose output unchanged');
        }
        if (row.setting === 'image') {
          assert.match(changed.k8s.get(file)!, new RegExp(`image: registry.local:5000/mirror/${name}:9.9.9`));
          assert.equal((composeService(changed.compose, name) as { image: string }).image, `registry.local:5000/mirror/${name}:9.9.9`);
        }
      });
    }
  }

  it('the README says which settings compose cannot render', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    assert.match(readme, /compose runs one copy of each service, so `replicas` changes the Kubernetes output only/);
    assert.match(readme, /a compose named volume has no size, so `storage` changes the Kubernetes output only/);
  });
});

describe('every setting a component does not declare is refused at its line', () => {
  const values: Record<string, string> = { replicas: '3', storage: '5Gi', retention: '9d' };
  for (const name of COMPONENT_NAMES) {
    for (const setting of Object.keys(values).filter((s) => COMPONENT_SETTINGS[name][s as 'replicas'] === undefined)) {
      it(`${name}.${setting}`, () => {
        assert.throws(
          () => stackFromYaml(`${BASE}components:\n  ${name}:\n    ${setting}: ${values[setting]}\n`),
          (e: Error) => {
            assert.match(e.message, new RegExp(`custom\\.yaml:4: components\\.${name}\\.${setting}: ${name} does not take ${setting}: .+; its keys: enabled, image, resources`));
            return true;
          },
        );
      });
    }
  }
});
