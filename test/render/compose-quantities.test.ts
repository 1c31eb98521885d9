import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpus, memory } from '../../src/render/compose/renderer';
import { composeServices, stackFromYaml } from '../helpers/stack';

describe('compose quantities', () => {
  it('keeps whole binary units and turns the rest into bytes', () => {
    assert.equal(memory('512Mi'), '512m');
    assert.equal(memory('2Gi'), '2g');
    assert.equal(memory('1.5Gi'), `${1.5 * 1024 ** 3}b`);
    assert.equal(memory('0.5Mi'), `${512 * 1024}b`);
    assert.equal(memory('500M'), '500000000b');
    assert.equal(memory('1048576'), '1048576b');
    assert.throws(() => memory('lots'), /cannot read the memory quantity "lots"/);
    assert.equal(cpus('250m'), '0.25');
    assert.equal(cpus('2'), '2');
  });

  it('renders a fractional memory limit that the environment schema accepts', () => {
    const grafana = composeServices(stackFromYaml('extends: dev\ncomponents:\n  grafana:\n    resources: { limits: { memory: 1.5Gi } }\n')).grafana;
    assert.equal(grafana.mem_limit, `${1.5 * 1024 ** 3}b`);
  });
});
