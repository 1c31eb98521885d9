import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { isSecretKey, scanText, scanValue } from '../../src/validate/credentials';
import { addManifest, editCompose, editManifest, problemAt, problemsIn, renderedCompose, renderedKubernetes } from './fixtures';

describe('credentials in output', () => {
  it('tells credential keys from keys that say where a credential lives', () => {
    for (const key of ['password', 'GF_SECURITY_ADMIN_PASSWORD', 'adminPassword', 'routing_key', 'api_key', 'bearer_token', 'client_secret', 'smtp_auth_password']) assert.ok(isSecretKey(key), key);
    for (const key of ['secretName', 'secretKeyRef', 'password_file', 'routing_key_file', 'GF_SECURITY_ADMIN_PASSWORD__FILE', 'key', 'bearer_token_file', 'tokenPath']) assert.ok(!isSecretKey(key), key);
  });

  it('accepts references and rejects literals', () => {
    const problems = scanValue(
      { a: { password: '${GRAFANA_ADMIN_PASSWORD:?set it}' }, b: { password: '$__file{/run/secrets/x}' }, otel: { password: '${env:ES_PASSWORD}' }, c: { routing_key: '/etc/secret/key' }, d: { api_key: 'abc123' }, env: [{ name: 'DB_PASSWORD', value: 'hunter2' }, 'REDIS_PASSWORD=s3cret'] },
      { file: 'f.yml' },
    );
    assert.deepEqual(
      problems.map((p) => p.path),
      ['.d.api_key', '.env[0].value', '.env[1]'],
    );
    assert.match(problems[0].message, /"api_key" holds a literal value/);
  });

  it('finds well-known passwords, keys and tokens in any text, with the line', () => {
    const problems = scanText('a: 1\nurl: http://admin:admin123@localhost:3000/\nkey: |\n  -----BEGIN RSA PRIVATE KEY-----\nimage: grafana/grafana:latest\n', 'x.yml');
    assert.deepEqual(
      problems.map((p) => `${p.path} [${p.check}] ${p.message}`),
      [
        'line 2 [credentials] contains the well-known credential "admin123"',
        'line 2 [credentials] contains a password inside a URL',
        'line 4 [credentials] contains a private key',
        'line 5 [image] refers to a "latest" tag; pin a version',
      ],
    );
  });

  it('finds a literal password in a Kubernetes env var and inside a ConfigMap file', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'grafana.yaml', 'Deployment', 'grafana', (d) => {
      d.spec.template.spec.containers[0].env.push({ name: 'GF_DATABASE_PASSWORD', value: 'hunter2' });
    });
    editManifest(dir, 'alertmanager.yaml', 'ConfigMap', 'alertmanager-config', (d) => {
      d.data['alertmanager.yml'] = 'route:\n  receiver: pd\nreceivers:\n  - name: pd\n    pagerduty_configs:\n      - routing_key: 0123456789abcdef\n';
    });
    const problems = problemsIn(dir);
    const env = problemAt(problems, 'credentials', 'containers[0].env[');
    assert.equal(env.object, 'Deployment/grafana');
    assert.match(env.message, /"GF_DATABASE_PASSWORD" holds a literal value/);
    const file = problemAt(problems, 'credentials', 'routing_key');
    assert.equal(file.object, 'ConfigMap/alertmanager-config');
    assert.equal(file.path, '.data["alertmanager.yml"].receivers[0].pagerduty_configs[0].routing_key');
  });

  it('rejects a Secret with values in the output', () => {
    const dir = renderedKubernetes();
    addManifest(dir, 'secret.yaml', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'grafana-admin', namespace: 'monitoring' }, stringData: { password: 'x' } });
    const problems = problemsIn(dir).filter((p) => p.file === 'k8s/prod/secret.yaml');
    assert.deepEqual(
      problems.map((p) => `${p.path}: ${p.message}`),
      ['.stringData.password: "password" holds a literal value; reference a Secret, a mounted file or a variable instead', '.stringData: a Secret with values is in the output; credentials come from `monstack secrets`'],
    );
  });

  it('finds a literal in compose environment and in a bind-mounted config file', () => {
    const dir = renderedCompose();
    editCompose(dir, (d) => {
      d.services.grafana.environment.GF_SECURITY_ADMIN_PASSWORD = 'admin123';
    });
    const datasources = path.join(dir, 'config', 'grafana-datasources', 'datasources.yaml');
    const provisioning = yaml.load(fs.readFileSync(datasources, 'utf8')) as { datasources: Record<string, unknown>[] };
    provisioning.datasources[0].secureJsonData = { basicAuthPassword: 's3cret' };
    fs.writeFileSync(datasources, yaml.dump(provisioning));
    const problems = problemsIn(dir);
    assert.equal(problemAt(problems, 'credentials', '.services.grafana.environment.GF_SECURITY_ADMIN_PASSWORD').file, 'compose/prod/docker-compose.monitoring.yml');
    assert.ok(problems.some((p) => p.check === 'credentials' && p.message.includes('"admin123"')));
    assert.equal(problemAt(problems, 'credentials', 'basicAuthPassword').file, 'compose/prod/config/grafana-datasources/datasources.yaml');
  });
});
