import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Platform } from '../../constructs';
import { PassCache } from '../../constructs/pass-cache';
import { ComposePlatform } from '../../src/render/compose/platform';
import { renderStack } from '../../src/synth';
import { stackOf } from '../helpers/stack';

describe('PassCache', () => {
  it('derives a value once within a pass and anew in the next', () => {
    const cache = new PassCache();
    let derived = 0;
    const value = () => cache.get('key', () => ++derived);
    assert.deepEqual(cache.run(() => [value(), cache.run(value), value()]), [1, 1, 1]);
    assert.equal(cache.run(value), 2);
  });

  it('derives on every call outside a pass', () => {
    const cache = new PassCache();
    let derived = 0;
    cache.get('key', () => ++derived);
    cache.get('key', () => ++derived);
    assert.equal(derived, 2);
  });

  it('keeps nothing from a pass that threw', () => {
    const cache = new PassCache();
    assert.throws(() => cache.run(() => { cache.get('key', () => 1); throw new Error('boom'); }), /boom/);
    assert.equal(cache.run(() => cache.get('key', () => 2)), 2);
  });
});

describe('MonitoringStack in one pass', () => {
  it('renders the rule files once and describes each component once per platform', () => {
    const stack = stackOf('prod');
    let ruleRenders = 0;
    const ruleFiles = stack.alerting.ruleFiles.bind(stack.alerting);
    stack.alerting.ruleFiles = () => (ruleRenders++, ruleFiles());
    const grafana = stack.grafana!;
    const platforms: Platform[] = [];
    const describeGrafana = grafana.describe.bind(grafana);
    grafana.describe = ((platform: Platform) => (platforms.push(platform), describeGrafana())) as typeof grafana.describe;

    renderStack(stack, ['k8s', 'compose']);

    assert.equal(ruleRenders, 1);
    assert.equal(new Set(platforms).size, platforms.length, 'Grafana was described twice for one platform');
  });

  it('sees what is added between passes', () => {
    const stack = stackOf('dev');
    const platform = new ComposePlatform();
    const rules = () => stack.describe(platform).find((s) => s.name === 'prometheus')!.configs.find((c) => c.name === 'prometheus-rules')!.files;
    assert.ok(!('extra.yaml' in rules()));
    stack.prometheus!.addRuleFile('extra.yaml', 'groups: []\n');
    assert.ok('extra.yaml' in rules());
  });
});
