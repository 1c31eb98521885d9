import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { ComposePlatform } from '../../src/render/compose/platform';
import { composeServices, findManifest, kubernetesObjects, mainContainer, plainEnv, stackFromYaml, stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = any;

describe('Elasticsearch and Logstash exporters', () => {
  it('are scraped by Prometheus under their own job names', () => {
    const config: Config = yaml.load(stackOf('prod').prometheus!.renderConfig(new ComposePlatform()));
    const jobs = Object.fromEntries(config.scrape_configs.map((j: Config) => [j.job_name, j]));
    assert.deepEqual(jobs['elasticsearch-exporter'].static_configs, [{ targets: ['elasticsearch-exporter:9114'] }]);
    assert.deepEqual(jobs['logstash-exporter'].static_configs, [{ targets: ['logstash-exporter:9198'] }]);
  });

  it('read Elasticsearch with credentials from the Secret and Logstash on its API port', () => {
    const es = mainContainer(findManifest(kubernetesObjects(stackOf('dev'), 'elasticsearch-exporter'), 'Deployment', 'elasticsearch-exporter'));
    assert.ok(es.args.includes('--es.uri=http://elasticsearch:9200'));
    assert.ok(!es.args.some((a: string) => a.includes('@')), 'no credentials in the URI');
    assert.equal(plainEnv(es).ES_USERNAME, 'elastic');
    assert.deepEqual(es.env.find((e: Config) => e.name === 'ES_PASSWORD').valueFrom, { secretKeyRef: { name: 'elasticsearch', key: 'elastic-password' } });
    const ls = mainContainer(findManifest(kubernetesObjects(stackOf('dev'), 'logstash-exporter'), 'Deployment', 'logstash-exporter'));
    assert.equal(plainEnv(ls).LOGSTASH_URL, 'http://logstash:9600');
    assert.equal(ls.securityContext.runAsUser, 65534);
  });

  it('follow what they watch on and off', () => {
    const stack = stackFromYaml('extends: dev\ncomponents:\n  logstash:\n    enabled: false\n  logstash-exporter:\n    enabled: false\n');
    assert.ok(stack.componentNames.has('elasticsearch-exporter'));
    assert.ok(!stack.componentNames.has('logstash-exporter'));
    const services = composeServices(stack);
    assert.ok(!('logstash-exporter' in services));
  });
});
