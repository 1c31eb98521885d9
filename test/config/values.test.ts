import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portOf } from '../../constructs/exporters/address';
import { checkHost, checkHostPort, checkIpAddress, isLoopback } from '../../src/config/values/address';
import { checkPinnedImage, parseImageReference } from '../../src/config/values/image-reference';
import { checkCpu, checkMemory, checkStorage, parseBytes, parseCpu } from '../../src/config/values/quantity';

const ok = (problem: string | undefined) => problem === undefined;

describe('image references (OCI distribution grammar, pinned)', () => {
  const accepted = [
    'grafana/grafana:13.2.0',
    'prom/prometheus:v3.13.2',
    'busybox:1.37.0',
    'docker.elastic.co/elasticsearch/elasticsearch:8.19.26',
    'registry.local:5000/mirror/grafana:13.2.0',
    'localhost/grafana:1',
    'localhost:5000/a/b/c:1_0-rc.1',
    '[::1]:5000/grafana:1',
    'nvcr.io/nvidia/k8s/dcgm-exporter:4.5.2-4.8.1-ubuntu22.04',
    'oliver006/redis_exporter:v1.91.1',
    'a__b/c--d:1',
    `grafana/grafana@sha256:${'a'.repeat(64)}`,
    `grafana/grafana:13.2.0@sha256:${'0'.repeat(64)}`,
    `grafana/grafana:latest@sha256:${'0'.repeat(64)}`,
    'REGISTRY.example.com/grafana:1',
  ];
  const refused = [
    'Grafana/grafana:13.2.0',
    'grafana/Grafana:13.2.0',
    'grafana/grafana:latest',
    'grafana/grafana',
    'grafana/grafana:',
    'grafana/grafana:-1',
    `grafana/grafana:${'a'.repeat(129)}`,
    'grafana//grafana:1',
    '/grafana:1',
    'grafana/grafana_:1',
    'grafana/.grafana:1',
    'grafana/grafana:1 ',
    'grafana/grafana@sha256:abc',
    `grafana/grafana@sha256:${'A'.repeat(64)}`,
    `grafana/grafana@md5:${'a'.repeat(32)}`,
    'registry.local:port/grafana:1',
    '-registry.local/grafana:1',
    `${'a'.repeat(256)}:1`,
  ];
  for (const image of accepted) it(`takes ${image.slice(0, 60)}`, () => assert.equal(checkPinnedImage(image), undefined));
  for (const image of refused) it(`refuses ${JSON.stringify(image.slice(0, 60))}`, () => assert.ok(!ok(checkPinnedImage(image))));

  it('splits host, path, tag and digest', () => {
    assert.deepEqual(parseImageReference('registry.local:5000/mirror/grafana:13.2.0'), { reference: { domain: 'registry.local:5000', path: 'mirror/grafana', tag: '13.2.0' } });
    assert.deepEqual(parseImageReference('grafana/grafana:1'), { reference: { path: 'grafana/grafana', tag: '1' } });
  });
});

describe('addresses', () => {
  it('takes IPv4 and IPv6 addresses only', () => {
    for (const a of ['127.0.0.1', '0.0.0.0', '::1', '::', 'fe80::1', '10.1.2.3']) assert.ok(ok(checkIpAddress(a)), a);
    for (const a of ['999.1.1.1', '1.2.3', 'localhost', '::g', '1.2.3.4.5', '']) assert.ok(!ok(checkIpAddress(a)), a);
  });

  it('tells loopback from the rest', () => {
    for (const a of ['127.0.0.1', '127.5.6.7', '::1', '0:0:0:0:0:0:0:1']) assert.ok(isLoopback(a), a);
    for (const a of ['0.0.0.0', '10.0.0.1', '::', '192.168.1.1']) assert.ok(!isLoopback(a), a);
  });

  it('takes host names, IPv4 and bracketed IPv6 hosts with ports 1-65535', () => {
    for (const a of ['redis:6379', 'redis.fedrl.svc.cluster.local:6379', 'host.docker.internal:8000', '10.0.0.1:1', '[::1]:9100', 'a:65535']) assert.ok(ok(checkHostPort(a)), a);
    for (const a of ['redis:0', 'redis:65536', 'redis:99999', 'redis:080', 'redis', ':6379', '999.1.1.1:80', '[::g]:80', '::1:80', 'bad_host-:80', '-x:80', 'a..b:80']) {
      assert.ok(!ok(checkHostPort(a)), a);
    }
    assert.ok(!ok(checkHost(`${'a'.repeat(64)}.example`)));
  });

  it('every address the loader takes, the exporters can dial', () => {
    for (const a of ['redis:6379', '10.0.0.1:6379', '[fd00::1]:6379']) assert.equal(portOf(a, 'address'), 6379);
  });
});

describe('Kubernetes quantities', () => {
  it('reads CPU in cores or whole millicores', () => {
    assert.deepEqual(parseCpu('500m'), { value: 500 });
    assert.deepEqual(parseCpu('1.1'), { value: 1100 });
    assert.deepEqual(parseCpu('2'), { value: 2000 });
    for (const v of ['0', '0m', '0.0001', '1.5m', '1Gi', '-1', '1e3', '']) assert.ok(!ok(checkCpu(v)), v);
  });

  it('reads bytes with binary and decimal units', () => {
    assert.deepEqual(parseBytes('512Mi'), { value: 512 * 2 ** 20 });
    assert.deepEqual(parseBytes('1.5Gi'), { value: 1.5 * 2 ** 30 });
    assert.deepEqual(parseBytes('2G'), { value: 2e9 });
    for (const v of ['500m', '1Pi', '1e9', '-1Gi', 'Gi', '1 Gi']) assert.ok('problem' in parseBytes(v), v);
  });

  it('holds memory and storage to sane sizes', () => {
    assert.ok(ok(checkMemory('6Mi')));
    assert.ok(!ok(checkMemory('5Mi')));
    assert.ok(!ok(checkMemory('1')));
    assert.ok(ok(checkStorage('1Mi')));
    assert.ok(!ok(checkStorage('0')));
    assert.ok(!ok(checkStorage('0Gi')));
  });
});
