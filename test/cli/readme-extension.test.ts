/**
 * The README's extension module must work for every combination of components an environment may turn
 * off, Prometheus included (then `stack.prometheus` is undefined). Each combination the environment
 * checks accept is built with the module and rendered to both targets.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildStack, newStack } from '../../src/build-stack';
import { loadEnvironment } from '../../src/config/load';
import { COMPONENT_NAMES } from '../../src/config/schema';
import { renderStack } from '../../src/synth';
import { tempDir } from '../helpers/cli';
import { WITHOUT_PROMETHEUS } from '../helpers/populated';

const README = path.resolve(__dirname, '..', '..', '..', 'README.md');

function readmeModule(): string {
  const block = /```js\n(\/\/ envs\/eu-prod\.js\n[\s\S]*?)```/.exec(fs.readFileSync(README, 'utf8'));
  assert.ok(block, 'README has the envs/eu-prod.js block');
  return block[1];
}

describe("the README's extension module", () => {
  const dir = tempDir('monstack-readme-combinations-');
  fs.writeFileSync(path.join(dir, 'eu-prod.js'), readmeModule());
  const combinations: { name: string; components: string }[] = [
    { name: 'everything on', components: '' },
    { name: 'no prometheus', components: WITHOUT_PROMETHEUS },
    ...COMPONENT_NAMES.map((c) => ({ name: `no-${c}`, components: `  ${c}:\n    enabled: false\n` })),
  ];

  it('builds and renders every combination the environment checks accept, Prometheus off included', async () => {
    const accepted: string[] = [];
    let withoutPrometheus = 0;
    for (const [i, combination] of combinations.entries()) {
      const file = path.join(dir, `combination-${i}.yaml`);
      fs.writeFileSync(file, `extends: dev\nextensions: [./eu-prod.js]\n${combination.components ? `components:\n${combination.components}` : ''}`);
      let env;
      try {
        env = loadEnvironment(file);
        newStack(env); // the constructs refuse some combinations too (Promtail without Loki)
      } catch {
        continue; // a combination the environment checks or the constructs refuse
      }
      const stack = await buildStack(env);
      if (!stack.prometheus) withoutPrometheus += 1;
      assert.doesNotThrow(() => renderStack(stack, ['k8s', 'compose']), combination.name);
      if (stack.prometheus) assert.ok(stack.scrapeJobs.has('parameter-server'), combination.name);
      accepted.push(combination.name);
    }
    assert.ok(withoutPrometheus > 0, `a combination without Prometheus was tried; accepted: ${accepted.join(', ')}`);
  });
});
