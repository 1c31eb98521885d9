/** The end-to-end run's rewrites of the generated output, each on the shapes the generator emits. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exposedFamilies, familiesOf } from './exposition';
import { addressOf, hostPathOf, hostsFile, interpolate, mapArgumentPaths, mapConfigPaths, mountsOf, partitionJobs, sharedPorts, webhookUrlsFromFiles } from './rewrites';

const MOUNTS = mountsOf(['./config/prometheus-config:/etc/prometheus/config:ro', './config/prometheus-rules:/etc/prometheus/rules:ro', 'prometheus-data:/prometheus', '/:/host/root:ro', '/proc:/host/proc:ro'], '/s/out', '/s/volumes');

describe('e2e rewrites', () => {
  it('maps bind mounts relative to the compose file, named volumes below the volumes directory, host paths as they are', () => {
    assert.deepEqual(MOUNTS.map((m) => m.host), ['/s/out/config/prometheus-config', '/s/out/config/prometheus-rules', '/s/volumes/prometheus-data', '/', '/proc']);
    assert.throws(() => mountsOf(['nocolon'], '/s', '/v'), /source:target/);
  });

  it('finds the host path of a container path by the longest mount target, and none outside every mount', () => {
    assert.equal(hostPathOf('/etc/prometheus/config/prometheus.yml', MOUNTS), '/s/out/config/prometheus-config/prometheus.yml');
    assert.equal(hostPathOf('/prometheus', MOUNTS), '/s/volumes/prometheus-data');
    assert.equal(hostPathOf('/host/root', MOUNTS), '/');
    assert.equal(hostPathOf('/prometheus-other', MOUNTS), undefined, 'a prefix of a name is not a parent directory');
    assert.equal(hostPathOf('/etc/other', MOUNTS), undefined);
  });

  it('rewrites the paths of --flag=/path arguments only', () => {
    assert.deepEqual(
      mapArgumentPaths(['--config.file=/etc/prometheus/config/prometheus.yml', '--storage.tsdb.path=/prometheus', '--web.listen-address=:9090', '--path.procfs=/host/proc', '--x=^/(dev|proc)($|/)', '--unmapped=/elsewhere'], MOUNTS),
      ['--config.file=/s/out/config/prometheus-config/prometheus.yml', '--storage.tsdb.path=/s/volumes/prometheus-data', '--web.listen-address=:9090', '--path.procfs=/proc', '--x=^/(dev|proc)($|/)', '--unmapped=/elsewhere'],
    );
  });

  it('interpolates as compose does: $$, required and defaulted variables', () => {
    assert.equal(interpolate('^(a|b)$$', {}), '^(a|b)$');
    assert.equal(interpolate('${P:?set P in .env}', { P: 'secret' }), 'secret');
    assert.equal(interpolate('x${D:-dflt}y${E}', {}), 'xdflty');
    assert.throws(() => interpolate('${P:?set P in .env}', {}), /P is required: set P in .env/);
    assert.throws(() => interpolate('${P:?set P}', { P: '' }), /P is required/);
  });

  it('maps rule_files and *_file keys of a configuration, nothing else', () => {
    const am = mountsOf(['./secrets/r:/etc/alertmanager/secrets:ro'], '/s/out', '/v');
    assert.deepEqual(
      mapConfigPaths({ rule_files: ['/etc/prometheus/rules/*.yaml'], receivers: [{ slack_configs: [{ api_url_file: '/etc/alertmanager/secrets/slack', channel: '/etc/alertmanager/secrets/x' }] }] }, [...MOUNTS, ...am]),
      { rule_files: ['/s/out/config/prometheus-rules/*.yaml'], receivers: [{ slack_configs: [{ api_url_file: '/s/out/secrets/r/slack', channel: '/etc/alertmanager/secrets/x' }] }] },
    );
  });

  it('writes one hosts line per name, sorted and unique, after localhost', () => {
    assert.equal(hostsFile(['redis-exporter', 'alertmanager', 'alertmanager']), '127.0.0.1 localhost\n127.0.0.1 alertmanager\n127.0.0.1 redis-exporter\n');
  });

  it('keeps the jobs whose every target is served, the rest are not runnable', () => {
    const jobs = [
      { job_name: 'prometheus', static_configs: [{ targets: ['prometheus:9090'] }] },
      { job_name: 'grafana', static_configs: [{ targets: ['grafana:3000'] }] },
      { job_name: 'half', static_configs: [{ targets: ['prometheus:1'] }, { targets: ['grafana:2'] }] },
      { job_name: 'discovered' },
    ];
    const { runnable, notRunnable } = partitionJobs(jobs, new Set(['prometheus']));
    assert.deepEqual(runnable.map((j) => j.job_name), ['prometheus']);
    assert.deepEqual(notRunnable.map((j) => j.job_name), ['grafana', 'half', 'discovered']);
  });

  it('names the ports two services would share on the loopback address', () => {
    assert.deepEqual(sharedPorts([{ name: 'a', port: 1 }, { name: 'b', port: 2 }]), []);
    assert.deepEqual(sharedPorts([{ name: 'cadvisor', port: 8080 }, { name: 'b', port: 2 }, { name: 'app', port: 8080 }]), ['8080: cadvisor, app']);
  });

  it('reads host and port from the address forms the exporters are given', () => {
    assert.deepEqual(addressOf('redis://host.docker.internal:6379'), { host: 'host.docker.internal', port: 6379 });
    assert.deepEqual(addressOf('host.docker.internal:5432/dgfrl?sslmode=disable'), { host: 'host.docker.internal', port: 5432 });
    assert.deepEqual(addressOf('redis://user:pw@r:1'), { host: 'r', port: 1 });
    assert.throws(() => addressOf('nohost'), /no host:port/);
  });

  it('reads families and their types from an exposition, untyped samples included', () => {
    const f = familiesOf('# HELP a_total x\n# TYPE a_total counter\na_total 1\n# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\nbare{x="1"} 2\n');
    assert.deepEqual([...f], [['a_total', 'counter'], ['h', 'histogram'], ['bare', 'untyped']]);
  });

  it('reads the label names of each family\'s samples, le and quantile left out, quoted values skipped', () => {
    const f = exposedFamilies('# TYPE h histogram\nh_bucket{code="200",le="1"} 1\nh_sum{code="200"} 1\n# TYPE s summary\ns{quantile="0.5"} 1\nq{a="x=\\"y\\",b=\\"z\\"",c="}"} 2\n');
    assert.deepEqual([...f.get('h')!.labels], ['code']);
    assert.deepEqual([...f.get('s')!.labels], []);
    assert.deepEqual([...f.get('q')!.labels].sort(), ['a', 'c']);
  });

  it('writes a webhook\'s URL from its credential file where Alertmanager predates url_file, nothing else changed', () => {
    const config = { route: { receiver: 'w' }, receivers: [{ name: 'w', webhook_configs: [{ url_file: '/scratch/hb', send_resolved: false }] }, { name: 'p', pagerduty_configs: [{ routing_key_file: '/scratch/k' }] }] };
    const read = (file: string) => (file === '/scratch/hb' ? 'https://hc-ping.com/abc\n' : assert.fail(`read ${file}`));
    assert.deepEqual(webhookUrlsFromFiles(config, read), {
      route: { receiver: 'w' },
      receivers: [{ name: 'w', webhook_configs: [{ send_resolved: false, url: 'https://hc-ping.com/abc' }] }, { name: 'p', pagerduty_configs: [{ routing_key_file: '/scratch/k' }] }],
    });
    assert.equal(config.receivers[0].webhook_configs![0].url_file, '/scratch/hb', 'the input is left as it was');
  });
});
