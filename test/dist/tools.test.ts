/**
 * The real tools over every environment of the committed dist/: promtool (configuration and rules) and
 * amtool as `monstack validate` runs them, each of which must run here, and docker-compose.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { COMPOSE_FILE } from '../../src/render/compose/renderer';
import { checkWithTools, formatProblem, formatToolRun } from '../../src/validate';
import { monstack, tempDir } from '../helpers/cli';
import { dockerCompose, requireTool } from '../helpers/tools';
import { outputDirs } from '../helpers/dist';

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

    describe(`dist/${target}/${env} with the real tools`, () => {
      it('promtool check config (with its rule files), promtool check rules and amtool check-config run and accept it', () => {
        requireTool('promtool');
        requireTool('amtool');
        const { runs, problems } = checkWithTools(dir);
        assert.deepEqual(runs.map((r) => [r.check, r.status]), [['promtool check config', 'run'], ['promtool check rules', 'run'], ['amtool check-config', 'run']], runs.map(formatToolRun).join('\n'));
        assert.ok(runs.every((r) => r.files > 0));
        assert.deepEqual(problems.map(formatProblem), []);
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
