/**
 * Synth checks an environment, then renders it, in one pass: the check's problems are reported rather
 * than an error the render would give, and its warnings are given before such an error.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StackCheckError } from '../../src/checks/stack-check';
import { renderStack } from '../../src/synth';
import { stackOf } from '../helpers/stack';

type Stack = ReturnType<typeof stackOf>;

function withRule(stack: Stack, expr: string): Stack {
  stack.prometheus!.addRuleFile('seeded.yaml', JSON.stringify({ groups: [{ name: 'seeded', rules: [{ alert: 'Seeded', expr }] }] }));
  return stack;
}

/** A render that fails after the checks (the runbooks are rendered last). */
function failingRender(stack: Stack): Stack {
  stack.alerting.runbooks = () => {
    throw new Error('the runbooks would not render');
  };
  return stack;
}

const REFUSED = 'sum by (agent) (rate(training_episodes_total[5m])) > 0';
const WARNED = 'rate(training_episodes_total[1m]) > 0';

describe('check before render', () => {
  const run = (stack: Stack, warn: (m: string) => void) => renderStack(stack, ['k8s', 'compose'], warn);

  it("the check's problems, not the render's error", () => {
    assert.throws(() => run(failingRender(withRule(stackOf('prod'), REFUSED)), () => undefined), (e: Error) => e instanceof StackCheckError && /agent/.test(e.message));
  });

  it("the warnings, then the render's error", () => {
    const warnings: string[] = [];
    assert.throws(() => run(failingRender(withRule(stackOf('prod'), WARNED)), (m) => warnings.push(m)), /the runbooks would not render/);
    assert.ok(warnings.some((w) => w.includes('fewer than four samples')), warnings.join('\n'));
  });
});
