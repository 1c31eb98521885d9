import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { namedPaths } from '../../src/validate/file-references';
import { editCompose, editManifest, problemsIn, renderedCompose, renderedKubernetes } from './fixtures';

const RECEIVER = (file: string) => `route:\n  receiver: pd\nreceivers:\n  - name: pd\n    pagerduty_configs:\n      - routing_key_file: ${file}\n`;

describe('files a configuration names by path', () => {
  it('are found under file-ish keys, globs apart', () => {
    assert.deepEqual(namedPaths({ rule_files: ['/r/*.yaml'], a: [{ password_file: '/s/p', ca_file: 'relative' }], templates: ['/t/*.tmpl'] }), [
      { at: ['rule_files', 0], file: '/r/*.yaml', glob: true },
      { at: ['a', 0, 'password_file'], file: '/s/p', glob: false },
      { at: ['templates', 0], file: '/t/*.tmpl', glob: true },
    ]);
  });

  it('must lie under a mount of the container, as a file that mount provides (Kubernetes)', () => {
    const dir = renderedKubernetes();
    editManifest(dir, 'alertmanager.yaml', 'ConfigMap', 'alertmanager-config', (d) => {
      d.data['alertmanager.yml'] = RECEIVER('/etc/alertmanager/test-secrets/routing-key');
    });
    const unmounted = problemsIn(dir).filter((p) => p.object === 'ConfigMap/alertmanager-config');
    assert.deepEqual(
      unmounted.map((p) => `${p.path}: ${p.message}`),
      ['.data["alertmanager.yml"].receivers[0].pagerduty_configs[0].routing_key_file: names /etc/alertmanager/test-secrets/routing-key, which no mount of the container provides (read by StatefulSet/alertmanager container alertmanager at /etc/alertmanager/config/alertmanager.yml)'],
    );
    // Mount a user-provided Secret there: the file must be one of the keys it projects.
    editManifest(dir, 'alertmanager.yaml', 'StatefulSet', 'alertmanager', (d) => {
      d.spec.template.spec.volumes.push({ name: 'receivers', secret: { secretName: 'grafana-admin', items: [{ key: 'password', path: 'password' }] } });
      d.spec.template.spec.containers[0].volumeMounts.push({ name: 'receivers', mountPath: '/etc/alertmanager/test-secrets', readOnly: true });
    });
    const wrongName = problemsIn(dir).filter((p) => p.object === 'ConfigMap/alertmanager-config');
    assert.equal(wrongName.length, 1);
    assert.match(wrongName[0].message, /but Secret grafana-admin mounted at \/etc\/alertmanager\/test-secrets has no file "routing-key" \(it has: password\)/);
    editManifest(dir, 'alertmanager.yaml', 'ConfigMap', 'alertmanager-config', (d) => {
      d.data['alertmanager.yml'] = RECEIVER('/etc/alertmanager/test-secrets/password');
    });
    assert.deepEqual(problemsIn(dir).filter((p) => p.object === 'ConfigMap/alertmanager-config'), []);
  });

  it('must be a file of the bind-mounted folder or of a user-provided secret folder (compose)', () => {
    const dir = renderedCompose();
    const config = path.join(dir, 'config', 'alertmanager-config', 'alertmanager.yml');
    fs.writeFileSync(config, RECEIVER('/etc/alertmanager/test-secrets/routing-key'));
    editCompose(dir, (d) => {
      d.services.alertmanager.volumes.push('./secrets/grafana-admin:/etc/alertmanager/test-secrets:ro');
    });
    const problems = problemsIn(dir).filter((p) => p.check === 'reference');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].file, 'compose/prod/config/alertmanager-config/alertmanager.yml');
    assert.equal(problems[0].object, 'service alertmanager');
    assert.match(problems[0].message, /but \.\/secrets\/grafana-admin mounted at \/etc\/alertmanager\/test-secrets has no file "routing-key" \(it has: password\)/);
    fs.writeFileSync(config, RECEIVER('/etc/alertmanager/test-secrets/password'));
    assert.deepEqual(problemsIn(dir).filter((p) => p.check === 'reference'), []);
  });
});
