/**
 * Every command the rendered output runs inside an image uses only what the image's facts record, runs as
 * the image's user and writes where a volume is; and a wrong fact is caught.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { httpCheckCommand, IMAGE_FACTS, ImageFacts, programsOf } from '../../constructs';
import { builtinEnvironmentNames } from '../../src/config/load';
import { composeFactProblems, FactsTable, kubernetesFactProblems } from '../../src/checks/image-facts';
import { COMPOSE_FILE, renderCompose } from '../../src/render/compose/renderer';
import { renderKubernetes } from '../../src/render/kubernetes/renderer';
import { stackOf } from '../helpers/stack';

function problems(env: string, table: FactsTable): string[] {
  const stack = stackOf(env);
  return [...kubernetesFactProblems(renderKubernetes(stack), table), ...composeFactProblems(renderCompose(stack).get(COMPOSE_FILE)!, table)];
}

/** A copy of the facts with one tool taken from one image. */
function without(name: keyof typeof IMAGE_FACTS, tool: string): FactsTable {
  const facts: ImageFacts = IMAGE_FACTS[name];
  return { ...IMAGE_FACTS, [name]: { ...facts, tools: facts.tools.filter((t) => t !== tool) } };
}

describe('image facts', () => {
  for (const env of builtinEnvironmentNames()) {
    it(`${env}: every healthcheck, probe, init container, setup step and task uses what its image has`, () => {
      assert.deepEqual(problems(env, IMAGE_FACTS), []);
    });
  }

  it('every record names its evidence, and a pinned tag', () => {
    for (const [name, facts] of Object.entries(IMAGE_FACTS) as [string, ImageFacts][]) {
      assert.ok(facts.evidence.length > 0, `${name} has no evidence`);
      assert.match(facts.image, /:[A-Za-z0-9_][A-Za-z0-9_.-]*$/, `${name} is not pinned`);
      assert.doesNotMatch(facts.image, /:latest$/);
    }
  });

  it('fails the healthcheck test when a record loses wget (Prometheus)', () => {
    const found = problems('dev', without('prometheus', 'wget'));
    assert.ok(found.some((p) => /compose service prometheus healthcheck runs "wget"/.test(p)), found.join('\n'));
  });

  it('fails when the Elasticsearch image loses curl (its compose healthcheck and the setup steps use it)', () => {
    const found = problems('prod', without('elasticsearch', 'curl'));
    assert.ok(found.some((p) => /compose service elasticsearch healthcheck runs "curl"/.test(p)), found.join('\n'));
  });

  it('fails when the Elasticsearch image loses nc (its readiness probe asks the readiness port with it)', () => {
    const found = problems('prod', without('elasticsearch', 'nc'));
    assert.ok(found.some((p) => /StatefulSet\/elasticsearch container elasticsearch readinessProbe runs "nc"/.test(p)), found.join('\n'));
  });

  it('fails when an image is said to write a path nothing mounts', () => {
    const table = { ...IMAGE_FACTS, grafana: { ...IMAGE_FACTS.grafana, writes: [...IMAGE_FACTS.grafana.writes, '/usr/share/grafana/data'] } };
    const found = problems('dev', table);
    assert.ok(found.some((p) => /grafana.*writes \/usr\/share\/grafana\/data/.test(p)), found.join('\n'));
  });

  it('reads the programs of a shell script: pipelines, loops and substitutions', () => {
    assert.deepEqual(programsOf(['sh', '-c', 'until curl -s "http://x" | grep -q "^200$"; do echo "waiting"; sleep 5; done']), ['sh', 'curl', 'grep', 'sleep']);
    assert.deepEqual(programsOf(['sh', '-c', 'wget -q --header "Authorization: Basic $(printf x | base64 | tr -d x)" http://y']), ['sh', 'wget', 'base64', 'tr']);
    assert.deepEqual(programsOf(['/bin/tini', '--', 'bash', '-c', 'exec env a.b=c /usr/local/bin/docker-entrypoint.sh']), ['/bin/tini', 'bash', 'env', '/usr/local/bin/docker-entrypoint.sh']);
  });

  it('builds an HTTP check from what the image has', () => {
    assert.deepEqual(httpCheckCommand(IMAGE_FACTS.loki, 3100, '/ready'), ['/usr/bin/loki', '-health', '-health.url=http://127.0.0.1:3100/ready']);
    assert.equal(httpCheckCommand(IMAGE_FACTS.prometheus, 9090, '/-/ready')?.[0], 'wget');
    assert.equal(httpCheckCommand(IMAGE_FACTS.promtail, 9080, '/ready')?.[0], 'bash');
    assert.equal(httpCheckCommand(IMAGE_FACTS.redisExporter, 9121, '/health'), undefined);
  });
});

describe('HTTP checks built from the facts, run against a real server', () => {
  async function exitCode(command: readonly string[], status: number): Promise<number | null> {
    const server = http.createServer((_, res) => res.writeHead(status).end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const [program, ...args] = command.map((w) => w.replaceAll('127.0.0.1:9999', `127.0.0.1:${port}`).replaceAll('127.0.0.1/9999', `127.0.0.1/${port}`));
      return await new Promise((resolve) => spawn(program, args, { stdio: 'ignore' }).on('exit', resolve));
    } finally {
      server.close();
    }
  }

  for (const [name, facts] of [['bash /dev/tcp (Promtail, the GPU exporter)', IMAGE_FACTS.promtail], ['wget (busybox images)', IMAGE_FACTS.prometheus], ['curl (Elastic images)', IMAGE_FACTS.kibana]] as const) {
    it(`${name}: passes on 200, fails on 503`, async () => {
      const command = httpCheckCommand(facts, 9999, '/ready')!;
      assert.equal(await exitCode(command, 200), 0);
      assert.notEqual(await exitCode(command, 503), 0);
    });
  }
});
