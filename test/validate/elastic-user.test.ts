import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ELASTIC_PASSWORD, ResolvedServiceSpec } from '../../constructs';
import { formatProblem } from '../../src/validate';
import { composeSpecs, kubernetesSpecs } from '../helpers/stack';
import { editCompose, editManifest, problemsIn, renderedCompose, renderedKubernetes } from './fixtures';

const ELASTIC_CLIENTS = ['logstash', 'jaeger', 'jaeger-index-cleaner', 'grafana', 'elasticsearch-exporter', 'kibana'];

describe('the elastic superuser', () => {
  for (const env of ['dev', 'staging', 'prod']) {
    for (const [target, render] of [['k8s', renderedKubernetes], ['compose', renderedCompose]] as const) {
      it(`is named by no long-running container of ${env} on ${target}`, () => {
        const problems = problemsIn(render(env), env).filter((p) => p.check === 'elastic-user');
        assert.deepEqual(problems.map(formatProblem), []);
      });
    }
  }

  it('is found where a client connects as elastic, in its environment and in a mounted file (Kubernetes)', () => {
    const dir = renderedKubernetes('prod');
    editManifest(dir, 'elasticsearch-exporter.yaml', 'Deployment', 'elasticsearch-exporter', (doc) => {
      const env = doc.spec.template.spec.containers[0].env as { name: string; value?: string; valueFrom?: object }[];
      env.find((e) => e.name === 'ES_USERNAME')!.value = 'elastic';
      env.find((e) => e.name === 'ES_PASSWORD')!.valueFrom = { secretKeyRef: { name: ELASTIC_PASSWORD.secret, key: ELASTIC_PASSWORD.key } };
    });
    editManifest(dir, 'logstash.yaml', 'ConfigMap', 'logstash-pipeline', (doc) => {
      doc.data['main.conf'] = doc.data['main.conf'].replace(/user => "[^"]+"/, 'user => "elastic"');
    });
    const found = problemsIn(dir).filter((p) => p.check === 'elastic-user').map(formatProblem);
    assert.equal(found.length, 3, found.join('\n'));
    assert.match(found.join('\n'), /elasticsearch-exporter.*env\[\d\]\.value.*names the superuser elastic/);
    assert.match(found.join('\n'), /elasticsearch-exporter.*reads the password of the superuser elastic/);
    assert.match(found.join('\n'), /ConfigMap\/logstash-pipeline \.data\["main\.conf"\] line \d+: .*mounted into Deployment\/logstash/);
  });

  it('is found where a compose service reads its password or names it in a check', () => {
    const dir = renderedCompose('prod');
    editCompose(dir, (doc) => {
      doc.services.jaeger.environment.ES_PASSWORD = '${ELASTICSEARCH_ELASTIC_PASSWORD:?set it}';
      doc.services.grafana.healthcheck.test = ['CMD', 'curl', '-u', 'elastic:$$P', 'http://elasticsearch:9200'];
    });
    const found = problemsIn(dir).filter((p) => p.check === 'elastic-user').map(formatProblem);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found.join('\n'), /service jaeger .*ES_PASSWORD: \[elastic-user\] reads the password/);
    assert.match(found.join('\n'), /service grafana .*healthcheck.*names the superuser/);
  });

  it('is left to setup steps: each client connects as a user of its own, whose password a Secret holds', () => {
    for (const specs of [kubernetesSpecs('prod'), composeSpecs('prod')]) {
      const clients = specs.filter((s) => ELASTIC_CLIENTS.includes(s.name));
      assert.equal(clients.length, ELASTIC_CLIENTS.length);
      const passwords = new Set<string>();
      for (const client of clients) {
        const own = client.secretEnv.filter((s) => s.ref.key.endsWith('-password') || s.ref.key === 'kibana-system-password');
        assert.ok(own.length >= 1, `${client.name} reads a password of its own`);
        for (const s of own) {
          assert.notEqual(s.ref.key, ELASTIC_PASSWORD.key, client.name);
          passwords.add(`${s.ref.secret}/${s.ref.key}`);
        }
        assert.ok(client.setup?.secretEnv?.some((s) => s.ref.key === ELASTIC_PASSWORD.key), `${client.name}'s setup step acts as elastic`);
      }
      assert.equal(passwords.size, ELASTIC_CLIENTS.length, 'one password per client');
    }
  });
});

/** An Elasticsearch stand-in that records the security API calls a setup step makes (as elastic). */
async function withFakeElasticsearch(work: (port: number, calls: { method: string; path: string; auth: string; body: Record<string, unknown> }[]) => Promise<void>): Promise<void> {
  const calls: { method: string; path: string; auth: string; body: Record<string, unknown> }[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      calls.push({ method: req.method!, path: req.url!, auth: Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString(), body: text ? JSON.parse(text) : {} });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as { port: number }).port;
    await work(port, calls);
  } finally {
    server.close();
  }
}

async function runSetup(spec: ResolvedServiceSpec, port: number, values: Record<string, string>): Promise<void> {
  const script = spec.setup!.command[2].split('http://elasticsearch:9200').join(`http://127.0.0.1:${port}`);
  const env = Object.fromEntries(spec.setup!.secretEnv!.map((s) => [s.env, values[s.ref.key]]));
  await promisify(execFile)('sh', ['-c', script], { env: { PATH: process.env.PATH, ...env }, timeout: 20000 });
}

describe('setup steps create each client\'s role and user', () => {
  for (const name of ['logstash', 'jaeger', 'jaeger-index-cleaner', 'grafana', 'elasticsearch-exporter']) {
    it(`${name}: as elastic, a role, then its user with the Secret's password`, async () => {
      const spec = kubernetesSpecs('prod').find((s) => s.name === name)!;
      // Passwords as `monstack secrets` makes them (base64url): they go into a JSON string unescaped.
      const values = Object.fromEntries(spec.setup!.secretEnv!.map((s, i) => [s.ref.key, `pw-${i}_Zx9-q`]));
      values[ELASTIC_PASSWORD.key] = 'superuser-pw';
      await withFakeElasticsearch(async (port, calls) => {
        await runSetup(spec, port, values);
        const security = calls.filter((c) => c.path.startsWith('/_security/'));
        assert.ok(calls.every((c) => c.auth === 'elastic:superuser-pw'), 'every call as elastic');
        const role = security.find((c) => c.path.startsWith('/_security/role/'))!;
        const user = security.find((c) => c.path.startsWith('/_security/user/'))!;
        const username = user.path.split('/').pop()!;
        assert.equal(role.path, `/_security/role/${username}`);
        assert.deepEqual(user.body.roles, [username]);
        // The password the step sets is the one the client itself reads.
        const own = spec.setup!.secretEnv!.find((s) => s.ref.key !== ELASTIC_PASSWORD.key)!;
        assert.ok(spec.secretEnv.some((s) => s.ref === own.ref || (s.ref.secret === own.ref.secret && s.ref.key === own.ref.key)), `${name} reads ${own.ref.key}`);
        assert.equal(user.body.password, values[own.ref.key]);
        assert.ok(Array.isArray((role.body as { indices: unknown[] }).indices));
        assert.doesNotMatch(JSON.stringify(role.body), /"all"|"superuser"/);
      });
    });
  }

  it('the tools the steps call exist here (curl, wget, base64)', () => {
    for (const tool of ['curl', 'wget', 'base64']) assert.ok(fs.existsSync(path.join('/usr/bin', tool)), tool);
  });
});
