/**
 * Every credential a client reads resolves to something `monstack secrets` prints, on both targets:
 * Kubernetes secretKeyRefs to a key of a printed Secret (or a Secret the output tells the user to create),
 * compose variables to a line of the printed `.env`, Grafana's `$__env{…}` to a variable of its container,
 * Prometheus' password files to files its start script writes; and each printed hash is the bcrypt of
 * the printed password beside it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareSync } from 'bcryptjs';
import * as yaml from 'js-yaml';
import { composeEnvFile, kubernetesSecrets, secretRefs } from '../../src/commands/secrets';
import { COMPOSE_FILE, renderCompose } from '../../src/render/compose/renderer';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { composeSpecs, kubernetesSpecs, stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

function podSpecs(docs: Obj[]): { name: string; spec: Obj }[] {
  return docs.flatMap((d) => {
    const spec = d.kind === 'CronJob' ? d.spec.jobTemplate.spec.template.spec : ['Deployment', 'StatefulSet', 'DaemonSet'].includes(d.kind) ? d.spec.template.spec : undefined;
    return spec ? [{ name: `${d.kind}/${d.metadata.name}`, spec }] : [];
  });
}

for (const env of ['staging', 'prod']) {
  describe(`credential references of ${env}`, () => {
    it('Kubernetes: every secretKeyRef names a key of a Secret monstack secrets prints or asks for', () => {
      const stack = stackOf(env);
      const printed = kubernetesSecrets(secretRefs(kubernetesSpecs(env)), stack.environment.namespace);
      const secrets = (yaml.loadAll(printed) as Obj[]).filter(Boolean);
      const keys = new Set(secrets.flatMap((s) => Object.keys(s.stringData).map((k) => `${s.metadata.name}/${k}`)));
      // Issued elsewhere: the printed `kubectl create secret` lines name each key.
      for (const m of printed.matchAll(/create secret generic (\S+)((?: --from-file=[^=]+=<[^>]+>)+)/g)) {
        for (const k of m[2].matchAll(/--from-file=([^=]+)=/g)) keys.add(`${m[1]}/${k[1]}`);
      }
      const docs = [...renderKubernetes(stack).values()].flatMap((text) => (yaml.loadAll(text) as Obj[]).filter(Boolean));
      let refs = 0;
      for (const { name, spec } of podSpecs(docs)) {
        for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
          for (const e of c.env ?? []) {
            const ref = e.valueFrom?.secretKeyRef;
            if (!ref) continue;
            refs++;
            assert.ok(keys.has(`${ref.name}/${ref.key}`), `${name} container ${c.name} ${e.name}: ${ref.name}/${ref.key} is not printed`);
          }
        }
      }
      assert.ok(refs > 20, `${refs} references`);
      // The hashes match their passwords.
      for (const s of secrets.filter((x) => x.stringData['password-bcrypt'])) assert.ok(compareSync(s.stringData.password, s.stringData['password-bcrypt']), s.metadata.name);
      for (const name of ['prometheus-web', 'alertmanager-web', 'elasticsearch-users']) assert.ok(secrets.some((s) => s.metadata.name === name), name);
    });

    it('compose: every required variable is a line of the printed .env (or a commented one to fill in)', () => {
      const printed = composeEnvFile(secretRefs(composeSpecs(env)));
      const defined = new Set([...printed.matchAll(/^(?:# )?([A-Z0-9_]+)=/gm)].map((m) => m[1]));
      const values = Object.fromEntries([...printed.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
      const text = renderCompose(stackOf(env)).get(COMPOSE_FILE)!;
      const required = [...text.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]);
      assert.ok(required.length > 15);
      for (const variable of required) assert.ok(defined.has(variable), `${variable} is not in the printed .env`);
      assert.ok(compareSync(values.PROMETHEUS_WEB_PASSWORD, values.PROMETHEUS_WEB_PASSWORD_BCRYPT));
      assert.ok(compareSync(values.ALERTMANAGER_WEB_PASSWORD, values.ALERTMANAGER_WEB_PASSWORD_BCRYPT));
    });

    for (const [target, specsOf] of [['k8s', kubernetesSpecs], ['compose', composeSpecs]] as const) {
      it(`${target}: Grafana's datasources read only variables its container has; Prometheus' password files are written at its start`, () => {
        const specs = specsOf(env);
        const grafana = specs.find((s) => s.name === 'grafana')!;
        const datasources = grafana.configs.find((c) => c.name === 'grafana-datasources')!.files['datasources.yaml'];
        const wanted = [...datasources.matchAll(/\$__env\{([A-Z0-9_]+)\}/g)].map((m) => m[1]);
        assert.deepEqual(wanted.sort(), ['DATASOURCE_PROMETHEUS_PASSWORD', 'ELASTICSEARCH_PASSWORD']);
        for (const variable of wanted) assert.ok(grafana.secretEnv.some((s) => s.env === variable), variable);
        const ds = (yaml.load(datasources) as Obj).datasources.find((d: Obj) => d.uid === 'prometheus');
        assert.equal(ds.basicAuth, true);
        assert.equal(ds.basicAuthUser, 'monstack');
        assert.equal(grafana.secretEnv.find((s) => s.env === 'DATASOURCE_PROMETHEUS_PASSWORD')!.ref.secret, 'prometheus-web');

        const prometheus = specs.find((s) => s.name === 'prometheus')!;
        const config = prometheus.configs.find((c) => c.name === 'prometheus-config')!.files['prometheus.yml'];
        const files = [...config.matchAll(/password_file: (\S+)/g)].map((m) => m[1]);
        assert.ok(files.length >= 3, 'itself, Alertmanager as target and as receiver');
        for (const file of new Set(files)) {
          const written = new RegExp(`printf '%s' "\\$([A-Z0-9_]+)" > ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm').exec(prometheus.command![2]);
          assert.ok(written, `${file} is written at start`);
          assert.ok(prometheus.secretEnv.some((s) => s.env === written![1]), `${written![1]} comes from a Secret`);
        }
      });
    }
  });
}

describe('credential references of dev', () => {
  it('leaves Prometheus and Alertmanager open and asks for no web password', () => {
    const refs = secretRefs(kubernetesSpecs('dev'));
    assert.ok(!refs.some((r) => r.secret.endsWith('-web')));
    const prometheus = kubernetesSpecs('dev').find((s) => s.name === 'prometheus')!;
    assert.equal(prometheus.command, undefined);
    assert.doesNotMatch(prometheus.configs[0].files['prometheus.yml'], /basic_auth/);
  });
});
