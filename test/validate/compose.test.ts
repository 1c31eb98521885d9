import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { validateOutput } from '../../src/validate';
import { healthcheckPort, parsePort } from '../../src/validate/compose';
import { editCompose, optionsFor, problemAt, problemsIn, renderedCompose } from './fixtures';

describe('compose validators', () => {
  it('reads the short and long port syntaxes', () => {
    assert.deepEqual(parsePort('127.0.0.1:9090:9090'), { hostIp: '127.0.0.1', published: '9090', target: '9090', protocol: 'tcp' });
    assert.deepEqual(parsePort('9094:9094/udp'), { hostIp: undefined, published: '9094', target: '9094', protocol: 'udp' });
    assert.deepEqual(parsePort('[::1]:80:8080'), { hostIp: '::1', published: '80', target: '8080', protocol: 'tcp' });
    assert.deepEqual(parsePort({ target: 80, published: 8080, host_ip: '0.0.0.0' }), { hostIp: '0.0.0.0', published: '8080', target: '80', protocol: 'tcp' });
    assert.equal(healthcheckPort(['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:9093/-/ready']), '9093');
    assert.equal(healthcheckPort(['CMD', '/bin/health']), undefined);
  });

  it('applies the baseline to every service', () => {
    const dir = renderedCompose();
    editCompose(dir, (d) => {
      const s = d.services.grafana;
      s.user = '0:0';
      s.read_only = false;
      delete s.cap_drop;
      s.security_opt = ['seccomp:unconfined'];
      delete s.mem_limit;
      delete s.cpus;
      s.image = 'grafana/grafana';
    });
    const problems = problemsIn(dir).filter((p) => p.object === 'service grafana');
    const at = (part: string) => problemAt(problems, 'security', `.services.grafana.${part}`);
    assert.match(at('user').message, /runs as root \(0:0\)/);
    assert.match(at('read_only').message, /read_only: true/);
    assert.match(at('cap_drop').message, /must drop ALL capabilities/);
    assert.equal(problems.filter((p) => p.path === '.services.grafana.security_opt').map((p) => p.message).length, 2);
    assert.match(at('mem_limit').message, /no memory limit/);
    assert.match(at('cpus').message, /no CPU limit/);
    assert.match(at('image').message, /has no tag/);
    assert.ok(problems.every((p) => p.file === 'compose/prod/docker-compose.monitoring.yml'));
  });

  it('waives only the checks x-monstack-exceptions names', () => {
    const dir = renderedCompose();
    assert.deepEqual(problemsIn(dir).filter((p) => p.object === 'service node-exporter'), []);
    editCompose(dir, (d) => {
      d.services['node-exporter']['x-monstack-exceptions'] = ['hostPath'];
    });
    const p = problemAt(problemsIn(dir), 'security', '.services.node-exporter.pid');
    assert.equal(p.message, 'shares the host PID namespace (check hostPID; waive only with a stated privilege)');
  });

  it('requires a healthcheck on a port the service listens on', () => {
    const dir = renderedCompose();
    editCompose(dir, (d) => {
      delete d.services.grafana.healthcheck;
      d.services.alertmanager.healthcheck.test = ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:9095/-/ready'];
    });
    const problems = problemsIn(dir);
    assert.match(problemAt(problems, 'probe', '.services.grafana.healthcheck').message, /has no healthcheck/);
    assert.match(problemAt(problems, 'probe', '.services.alertmanager.healthcheck.test').message, /checks port 9095, which the service does not expose or publish/);
  });

  it('needs no healthcheck on a one-shot job that others wait to complete, which must not restart', () => {
    const dir = renderedCompose();
    editCompose(dir, (d) => {
      d.services['grafana-setup'] = { ...d.services.grafana, restart: 'no' };
      delete d.services['grafana-setup'].healthcheck;
      delete d.services['grafana-setup'].ports;
      d.services.grafana.depends_on = { 'grafana-setup': { condition: 'service_completed_successfully' } };
    });
    assert.deepEqual(problemsIn(dir).filter((p) => p.object === 'service grafana-setup'), []);
    editCompose(dir, (d) => {
      d.services['grafana-setup'].restart = 'unless-stopped';
    });
    assert.match(problemAt(problemsIn(dir), 'probe', '.services.grafana-setup.restart').message, /must not restart/);
  });

  it('publishes ports on the bind address only', () => {
    const dir = renderedCompose();
    editCompose(dir, (d) => {
      d.services.grafana.ports = ['3000:3000'];
      d.services.prometheus.ports = ['0.0.0.0:9090:9090'];
    });
    const problems = problemsIn(dir);
    assert.match(problemAt(problems, 'port', '.services.grafana.ports[0]').message, /on every address; publish on 127.0.0.1/);
    assert.match(problemAt(problems, 'port', '.services.prometheus.ports[0]').message, /on 0.0.0.0; publish on 127.0.0.1/);
    // An environment that binds elsewhere is checked against its own address.
    const other = validateOutput(dir, { ...optionsFor(), bindAddress: '0.0.0.0' }).problems;
    assert.equal(other.filter((p) => p.object === 'service prometheus' && p.check === 'port').length, 0);
  });

  it('finds bind-mount sources missing beside the compose file', () => {
    const dir = renderedCompose();
    fs.rmSync(path.join(dir, 'config', 'grafana-datasources'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'config', 'empty'));
    let datasources = -1;
    let added = -1;
    editCompose(dir, (d) => {
      const volumes: string[] = d.services.grafana.volumes;
      datasources = volumes.findIndex((v) => v.startsWith('./config/grafana-datasources:'));
      added = volumes.length;
      volumes.push('./config/empty:/etc/empty:ro', './secrets/unknown:/run/secrets/unknown:ro');
    });
    const problems = problemsIn(dir).filter((p) => p.check === 'bind-mount');
    assert.deepEqual(
      problems.map((p) => `${p.path}: ${p.message}`),
      [
        `.services.grafana.volumes[${datasources}]: mounts ./config/grafana-datasources, which does not exist beside the compose file (a config directory needs at least one file)`,
        `.services.grafana.volumes[${added}]: mounts ./config/empty, an empty directory`,
        `.services.grafana.volumes[${added + 1}]: mounts ./secrets/unknown, which does not exist beside the compose file (and is not a secret that \`monstack secrets\` lists)`,
      ],
    );
  });

  it('rejects a top-level name (docker-compose 1.29 does)', () => {
    const dir = renderedCompose();
    editCompose(dir, (d) => {
      d.name = 'monstack';
    });
    assert.match(problemAt(problemsIn(dir), 'schema', '.name').message, /docker-compose 1.29/);
  });
});
