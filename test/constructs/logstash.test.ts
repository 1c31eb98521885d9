import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { elasticTimeValue } from '../../constructs';
import { renderCompose } from '../../src/render/compose/renderer';
import { composeServices, findManifest, kubernetesObjects, mainContainer, plainEnv, stackOf } from '../helpers/stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = any;

const pipelineFiles = (env: string) => findManifest(kubernetesObjects(stackOf(env), 'logstash'), 'ConfigMap', 'logstash-pipeline').data;

describe('Logstash', () => {
  it('takes Beats on 5044 and JSON lines over TCP on 5000, and writes daily indices', () => {
    const pipeline: string = pipelineFiles('dev')['main.conf'];
    assert.match(pipeline, /beats \{ port => 5044 \}/);
    assert.match(pipeline, /tcp \{ port => 5000 codec => json_lines \}/);
    assert.match(pipeline, /index => "logs-fedrl-%\{\+YYYY\.MM\.dd\}"/);
    assert.match(pipeline, /hosts => \["http:\/\/elasticsearch:9200"\]/);
  });

  it('reads the Elasticsearch password from its environment, which the Secret fills', () => {
    assert.match(pipelineFiles('dev')['main.conf'], /user => "monstack-logstash"\n\s+password => "\$\{ES_PASSWORD\}"/);
    const container = mainContainer(findManifest(kubernetesObjects(stackOf('dev'), 'logstash'), 'Deployment', 'logstash'));
    const password = container.env.find((e: Config) => e.name === 'ES_PASSWORD');
    assert.deepEqual(password.valueFrom, { secretKeyRef: { name: 'elasticsearch-users', key: 'logstash-password' } });
  });

  it('installs its own index template so the built-in logs-*-* data streams do not catch its indices', () => {
    const files = pipelineFiles('prod');
    assert.match(files['main.conf'], /data_stream => false/);
    const template = JSON.parse(files['logs-fedrl-template.json']);
    assert.deepEqual(template.index_patterns, ['logs-fedrl-*']);
    assert.ok(template.priority > 100, 'above the built-in logs template');
    assert.equal(template.template.settings.number_of_replicas, 1);
    assert.equal(JSON.parse(pipelineFiles('dev')['logs-fedrl-template.json']).template.settings.number_of_replicas, 0);
  });

  it('serves its API on 0.0.0.0:9600, probed there', () => {
    const settings: Config = yaml.load(findManifest(kubernetesObjects(stackOf('dev'), 'logstash'), 'ConfigMap', 'logstash-settings').data['logstash.yml']);
    assert.equal(settings['api.http.host'], '0.0.0.0');
    assert.equal(settings['api.http.port'], 9600);
    const container = mainContainer(findManifest(kubernetesObjects(stackOf('dev'), 'logstash'), 'Deployment', 'logstash'));
    assert.deepEqual(container.readinessProbe.httpGet, { path: '/', port: 'api' });
    assert.equal(plainEnv(container).LS_JAVA_OPTS, '-Xms512m -Xmx512m');
  });

  it('mounts the same pipeline bytes in compose', () => {
    const files = renderCompose(stackOf('dev'));
    assert.equal(files.get('config/logstash-pipeline/main.conf'), pipelineFiles('dev')['main.conf']);
    const service = composeServices(stackOf('dev')).logstash;
    assert.ok(service.volumes.includes('./config/logstash-pipeline:/usr/share/logstash/pipeline:ro'));
    assert.deepEqual(service.depends_on.elasticsearch, { condition: 'service_healthy' });
  });

  it('has Elasticsearch delete daily indices after the environment\'s retention, through a lifecycle policy', () => {
    const template = JSON.parse(pipelineFiles('prod')['logs-fedrl-template.json']);
    assert.equal(template.template.settings['index.lifecycle.name'], 'logs-fedrl');
    const setup = (env: string) =>
      findManifest(kubernetesObjects(stackOf(env), 'logstash'), 'Deployment', 'logstash').spec.template.spec.initContainers.find((c: Config) => c.name === 'setup');
    assert.match(setup('prod').command[2], /_ilm\/policy\/logs-fedrl/);
    assert.match(setup('prod').command[2], /"min_age":"30d"/);
    assert.match(setup('dev').command[2], /"min_age":"3d"/);
    assert.deepEqual(composeServices(stackOf('dev')).logstash.depends_on['logstash-setup'], { condition: 'service_completed_successfully' });
  });

  it('turns environment durations into single-unit Elasticsearch time values', () => {
    assert.equal(elasticTimeValue('720h'), '30d');
    assert.equal(elasticTimeValue('1w2d'), '9d');
    assert.equal(elasticTimeValue('36h'), '36h');
    assert.equal(elasticTimeValue('90s'), '90s');
    assert.throws(() => elasticTimeValue('30 days'), /cannot read the duration/);
  });
});
