import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMPONENT_NAMES, COMPONENT_SETTINGS } from '../../constructs/component-table';
import { kubernetesSpecs, specNamed } from '../helpers/stack';

describe('component settings declarations', () => {
  const specs = kubernetesSpecs('prod');

  it('name every component the stack builds, and no other', () => {
    assert.deepEqual(new Set(specs.map((s) => s.name)), new Set(COMPONENT_NAMES));
  });

  for (const name of COMPONENT_NAMES) {
    it(`${name}: scrape jobs, default image and workload agree with its description`, () => {
      const spec = specNamed(specs, name);
      const declared = COMPONENT_SETTINGS[name];
      assert.deepEqual(spec.scrape.map((e) => e.job), declared.scrapeJobs);
      assert.equal(spec.image, declared.image);
      // Replicas only where copies are rendered: a per-host collector takes none.
      if (spec.workload === 'DaemonSet') assert.equal(declared.replicas, undefined);
      // Storage only where the component keeps a volume on Kubernetes.
      assert.equal(declared.storage !== undefined, spec.data !== undefined, `${name}: storage declared ${declared.storage !== undefined}, data volume ${spec.data !== undefined}`);
      for (const need of declared.needs ?? []) assert.ok((COMPONENT_NAMES as readonly string[]).includes(need.component), `${name} needs an unknown ${need.component}`);
    });
  }
});
