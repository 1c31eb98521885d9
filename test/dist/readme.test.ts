import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { componentsMarkdown, withComponents } from '../../src/docs/components';
import { IMAGES } from '../../constructs';

const README = path.resolve(__dirname, '..', '..', '..', 'README.md');

describe('README', () => {
  const readme = fs.readFileSync(README, 'utf8');

  it('carries the current component reference (run `npm run docs` when this fails)', () => {
    assert.equal(withComponents(readme, componentsMarkdown()), readme);
  });

  it('names every pinned image of the stack', () => {
    for (const [name, image] of Object.entries(IMAGES)) {
      assert.ok(readme.includes(image), `${image} (${name}) is missing from the README`);
    }
  });

  it('opens with the two set-up commands', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    assert.match(firstBlock, /^npm ci && npm run synth\b/m);
    assert.match(firstBlock, /^npm test\b/m);
  });
});
