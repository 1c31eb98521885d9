/**
 * The real tools over every environment of the committed dist/: promtool (configuration and rules),
 * amtool and docker-compose, each on a temp copy laid out the way the container sees its files.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { COMPOSE_FILE } from '../../src/render/compose/renderer';
import { isRuleFile } from '../../src/validate/rules';
import { listFiles } from '../../src/validate/output';
import { monstack, tempDir } from '../helpers/cli';
import { composeSources, kubernetesSources, stageConfig, StagedSource, withStaticTargets, writeYaml } from '../helpers/staging';
import { amtool, dockerCompose, promtool } from '../helpers/tools';
import { outputDirs } from '../helpers/dist';

function check(sources: readonly StagedSource[], run: (file: string) => void, prepare: (config: unknown) => unknown = (c) => c): void {
  for (const source of sources) {
    const root = tempDir('monstack-tool-');
    const staged = stageConfig(prepare(source.config), source.mounts, root);
    run(writeYaml(path.join(root, 'checked', path.basename(source.name.split(' ').pop() as string)), staged));
  }
}

/** Rule files of an output: compose config files, or ConfigMap entries, holding rule groups. */
function ruleFiles(dir: string, target: 'k8s' | 'compose'): Map<string, string> {
  const found = new Map<string, string>();
  if (target === 'compose') {
    for (const rel of listFiles(dir).filter((f) => f.startsWith('config/') && /\.ya?ml$/.test(f))) {
      const text = fs.readFileSync(path.join(dir, rel), 'utf8');
      if (isRuleFile(yaml.load(text))) found.set(rel.replace(/\//g, '_'), text);
    }
    return found;
  }
  for (const rel of listFiles(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')) {
    for (const doc of yaml.loadAll(fs.readFileSync(path.join(dir, rel), 'utf8')) as { kind?: string; metadata?: { name: string }; data?: Record<string, string> }[]) {
      if (doc?.kind !== 'ConfigMap') continue;
      for (const [key, text] of Object.entries(doc.data ?? {})) if (isRuleFile(yaml.load(text))) found.set(`${doc.metadata?.name}_${key}`, text);
    }
  }
  return found;
}

/**
 * The .env a user ends up with: what `monstack secrets` generated, plus the credentials issued
 * elsewhere that it asks the user to fill in (a commented `# NAME=` line) given dummy values. A
 * variable the compose file requires that the output neither sets nor asks for fails the test.
 */
function completeEnvFile(generated: string, compose: string): string {
  const set = new Set([...generated.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
  const asked = new Set([...generated.matchAll(/^#\s*([A-Z0-9_]+)=/gm)].map((m) => m[1]));
  const required = new Set([...compose.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]));
  const filled: string[] = [];
  for (const name of [...required].sort()) {
    if (set.has(name)) continue;
    assert.ok(asked.has(name), `the compose file requires ${name}, which \`monstack secrets --target compose\` neither sets nor tells the user to fill in`);
    filled.push(`${name}=dummy-issued-elsewhere`);
  }
  return `${generated}${filled.map((line) => `${line}\n`).join('')}`;
}

for (const target of ['k8s', 'compose'] as const) {
  for (const dir of outputDirs(target)) {
    const env = path.basename(dir);
    const sourcesOf = (file: string) => (target === 'k8s' ? kubernetesSources(dir, file) : composeSources(dir, file));

    describe(`dist/${target}/${env} with the real tools`, () => {
      it('promtool check config accepts prometheus.yml (with its rule files beside it)', () => {
        const sources = sourcesOf('prometheus.yml');
        assert.ok(sources.length > 0, 'no prometheus.yml found');
        // Debian's promtool is built without Kubernetes discovery: check the jobs with static targets.
        check(sources, (file) => promtool.checkConfig(file), target === 'k8s' ? withStaticTargets : undefined);
      });

      it('promtool check rules accepts every rule file', () => {
        const files = ruleFiles(dir, target);
        assert.ok(files.size > 0, 'no rule files found');
        const root = tempDir('monstack-rules-');
        const paths = [...files].map(([name, text]) => {
          fs.writeFileSync(path.join(root, name), text);
          return path.join(root, name);
        });
        promtool.checkRules(paths);
      });

      it('amtool check-config accepts every alertmanager.yml (secret files dummied)', () => {
        const sources = sourcesOf('alertmanager.yml');
        assert.ok(sources.length > 0, 'no alertmanager.yml found');
        check(sources, (file) => amtool.checkConfig(file));
      });

      if (target === 'compose') {
        it('docker-compose config -q accepts the stack with a .env from `monstack secrets`', () => {
          const copy = path.join(tempDir('monstack-compose-'), env);
          fs.cpSync(dir, copy, { recursive: true });
          const secrets = monstack(['secrets', '--env', env, '--target', 'compose']);
          assert.equal(secrets.status, 0, secrets.stderr);
          fs.writeFileSync(path.join(copy, '.env'), completeEnvFile(secrets.stdout, fs.readFileSync(path.join(copy, COMPOSE_FILE), 'utf8')));
          dockerCompose.configQuiet(path.join(copy, COMPOSE_FILE));
        });
      }
    });
  }
}
