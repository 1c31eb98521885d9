/**
 * Elasticsearch with a read-only root filesystem: its config directory (where the keystore is written)
 * is a copy of the image's on a volume, made by an init container as ECK does (Kubernetes) or by Docker
 * filling a named volume from the image (compose).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/cli';
import { composeServices, findManifest, kubernetesObjects, stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;
const CONFIG = '/usr/share/elasticsearch/config';

describe('Elasticsearch with a read-only root filesystem', () => {
  for (const env of ['dev', 'staging', 'prod']) {
    it(`${env}: every container's root is read-only; config/ is a volume the init container fills`, () => {
      const pod = findManifest(kubernetesObjects(stackOf(env), 'elasticsearch'), 'StatefulSet', 'elasticsearch').spec.template.spec;
      const main = pod.containers[0];
      assert.equal(main.securityContext.readOnlyRootFilesystem, true);
      const prepare = pod.initContainers.find((c: Obj) => c.name === 'prepare');
      assert.equal(prepare.securityContext.readOnlyRootFilesystem, true);
      const volume = main.volumeMounts.find((m: Obj) => m.mountPath === CONFIG).name;
      assert.deepEqual(pod.volumes.find((v: Obj) => v.name === volume).emptyDir, {});
      assert.ok(prepare.volumeMounts.some((m: Obj) => m.name === volume && m.mountPath === '/mnt/prepared'));
      // The volume is mounted before the TLS Secret that goes inside it.
      const names = main.volumeMounts.map((m: Obj) => m.mountPath);
      const tls = names.indexOf(`${CONFIG}/transport-tls`);
      if (tls >= 0) assert.ok(names.indexOf(CONFIG) < tls);
      assert.doesNotMatch(pod.metadata?.annotations?.['monstack.dev/exceptions'] ?? '', /readOnlyRootFilesystem/);
      const svc = composeServices(stackOf(env)).elasticsearch;
      assert.equal(svc.read_only, true);
      assert.ok(svc.volumes.includes(`elasticsearch-prepared:${CONFIG}`));
      assert.ok(!(svc['x-monstack-exceptions'] ?? []).includes('readOnlyRootFilesystem'));
    });
  }

  it('the init step copies the image\'s config and makes a keystore holding the bootstrap password', () => {
    const root = tempDir('monstack-es-prepare-');
    try {
      const home = path.join(root, 'usr/share/elasticsearch');
      fs.mkdirSync(path.join(home, 'config/jvm.options.d'), { recursive: true });
      fs.mkdirSync(path.join(home, 'bin'), { recursive: true });
      fs.writeFileSync(path.join(home, 'config/jvm.options'), '-Xss1m\n');
      fs.writeFileSync(path.join(home, 'config/log4j2.properties'), 'status = error\n');
      // A keystore tool that records what it is asked, in the directory ES_PATH_CONF names.
      fs.writeFileSync(path.join(home, 'bin/elasticsearch-keystore'), '#!/bin/sh\nif [ "$1" = create ]; then : > "$ES_PATH_CONF/elasticsearch.keystore"; else printf "%s " "$@" >> "$ES_PATH_CONF/elasticsearch.keystore"; cat >> "$ES_PATH_CONF/elasticsearch.keystore"; fi\n', { mode: 0o755 });
      const prepared = path.join(root, 'prepared');
      fs.mkdirSync(prepared);
      const prepare = findManifest(kubernetesObjects(stackOf('prod'), 'elasticsearch'), 'StatefulSet', 'elasticsearch').spec.template.spec.initContainers.find((c: Obj) => c.name === 'prepare');
      const script = prepare.command[2].split('/usr/share/elasticsearch').join(home);
      execFileSync(prepare.command[0], ['-c', script], { env: { PATH: process.env.PATH, PREPARED_DIR: prepared, ELASTIC_PASSWORD: 'b00t$trap' } });
      assert.equal(fs.readFileSync(path.join(prepared, 'jvm.options'), 'utf8'), '-Xss1m\n');
      assert.ok(fs.existsSync(path.join(prepared, 'jvm.options.d')));
      assert.equal(fs.readFileSync(path.join(prepared, 'elasticsearch.keystore'), 'utf8'), 'add -x -f bootstrap.password b00t$trap');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
