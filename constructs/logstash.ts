import { Construct } from 'constructs';
import { toYaml } from './yaml';
import { Component, ComponentProps, mergeResources, resources } from './component';
import {
  ELASTIC_PASSWORD,
  ELASTICSEARCH_HTTP_PORT,
  ELASTICSEARCH_SERVICE,
  ELASTICSEARCH_URL,
  elasticTimeValue,
  halfHeapFlags,
  indexReplicas,
  JVM_MIN_MEMORY_LIMIT,
  untilElasticsearchAccepts,
} from './elastic';
import { createUsersScript, logstashWriter, setupSecretEnv } from './elastic-users';
import { httpCheckCommand } from './image-facts';
import { IMAGE_FACTS, IMAGES } from './images';
import { Platform } from './platform';
import { ServiceSpec } from './service';
import { ELASTICSEARCH_SETTINGS } from './elasticsearch';
import { ComponentSettingsDeclaration } from './settings';

/** What an environment may set on Logstash (see settings.ts); how long its indices live is `components.elasticsearch.retention`. */
export const LOGSTASH_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.logstash,
  resources: resources('250m', '1Gi', '1', '1Gi'),
  minMemoryLimit: JVM_MIN_MEMORY_LIMIT,
  scrapeJobs: [],
  needs: [{ component: 'elasticsearch', why: 'it writes every event to Elasticsearch' }],
  without: {
    replicas: 'logstash-exporter reads one node\'s API through the Service, so more copies would be watched one at a time, at random',
    storage: 'persistent queues are off: its data directory holds only the node id and locks',
    retention: 'the indices it writes live as long as components.elasticsearch.retention says',
  },
};

export interface LogstashProps extends ComponentProps {
  /** Nodes of the Elasticsearch cluster it writes to: index replicas follow. @default 1 */
  readonly elasticsearchReplicas?: number;
  /** How long a daily index lives before Elasticsearch deletes it (a lifecycle policy). @default ELASTICSEARCH_SETTINGS.retention */
  readonly retention?: string;
}

const DEFAULTS = Object.freeze({
  image: LOGSTASH_SETTINGS.image,
  elasticsearchReplicas: 1,
  retention: ELASTICSEARCH_SETTINGS.retention!.default,
  resources: LOGSTASH_SETTINGS.resources,
});

export const LOGSTASH_PORTS = Object.freeze({ beats: 5044, jsonLines: 5000, api: 9600 });
/** Daily indices; Grafana's Elasticsearch datasource and Kibana read them by this pattern. */
export const LOG_INDEX_PATTERN = 'logs-fedrl-*';
const INDEX = 'logs-fedrl-%{+YYYY.MM.dd}';
const HOME = '/usr/share/logstash';
const PIPELINE_DIR = `${HOME}/pipeline`;
const TEMPLATE_FILE = 'logs-fedrl-template.json';
/** The lifecycle policy that deletes the daily indices; the index template names it. */
const LIFECYCLE_POLICY = 'logs-fedrl';
/** Logstash's own user: writes its indices, nothing else. */
const WRITER = logstashWriter(LOG_INDEX_PATTERN);
const PASSWORD_ENV = 'ES_PASSWORD';

/** Log pipeline into Elasticsearch: Beats and JSON lines over TCP in, one index per day out. */
export class Logstash extends Component {
  readonly serviceName = 'logstash';
  readonly apiPort = LOGSTASH_PORTS.api;
  private readonly props: LogstashProps;

  constructor(scope: Construct, id: string, props: LogstashProps = {}) {
    super(scope, id);
    this.props = props;
  }

  describe(platform: Platform): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    const res = mergeResources(DEFAULTS.resources, this.props.resources);
    return {
      name: this.serviceName,
      description: 'Log pipeline: Beats (5044) and JSON lines over TCP (5000) into daily Elasticsearch indices',
      image: p.image,
      workload: 'Deployment',
      replicas: 1,
      // Only the JVM's options: variables named like settings would make the entrypoint rewrite logstash.yml.
      env: { LS_JAVA_OPTS: halfHeapFlags(res.limits.memory, this.serviceName) },
      secretEnv: [{ env: PASSWORD_ENV, ref: WRITER.password }],
      ports: [
        // Shippers outside the stack send here.
        { name: 'beats', port: LOGSTASH_PORTS.beats, userFacing: true },
        { name: 'json-lines', port: LOGSTASH_PORTS.jsonLines, userFacing: true },
        { name: 'api', port: LOGSTASH_PORTS.api },
      ],
      health: { port: 'api', path: '/', command: httpCheckCommand(IMAGE_FACTS.logstash, LOGSTASH_PORTS.api, '/'), initialDelaySeconds: 30 },
      resources: res,
      user: 1000,
      group: 1000,
      configs: [
        { name: 'logstash-settings', mountPath: `${HOME}/config`, files: settingsFiles() },
        { name: 'logstash-pipeline', mountPath: PIPELINE_DIR, files: { 'main.conf': renderPipeline(), [TEMPLATE_FILE]: renderIndexTemplate(indexReplicas(platform, p.elasticsearchReplicas)) } },
      ],
      setup: {
        description: `creates the lifecycle policy that deletes log indices after ${p.retention}, and Logstash's own role and user ${WRITER.username}, through the Elasticsearch API, as elastic`,
        command: ['sh', '-c', [putLifecyclePolicy(elasticTimeValue(p.retention)), ...createUsersScript([WRITER], 'curl')].join('\n')],
        secretEnv: setupSecretEnv(ELASTIC_PASSWORD, [WRITER]),
        resources: resources('10m', '32Mi', '100m', '64Mi'),
      },
      // Persistent queues stay off (memory queue): the data directory holds only the node's id and locks.
      scratch: [`${HOME}/data`, '/tmp'],
      links: [{ service: ELASTICSEARCH_SERVICE, port: ELASTICSEARCH_HTTP_PORT }],
      startsAfter: [ELASTICSEARCH_SERVICE],
    };
  }
}

function settingsFiles(): Record<string, string> {
  const settings = {
    'node.name': 'logstash',
    'path.data': `${HOME}/data`,
    'api.http.host': '0.0.0.0',
    'api.http.port': LOGSTASH_PORTS.api,
    'config.reload.automatic': false,
    // Its own metrics go to Prometheus through the exporter, not to Elasticsearch.
    'xpack.monitoring.enabled': false,
  };
  const pipelines = [{ 'pipeline.id': 'main', 'path.config': `${PIPELINE_DIR}/*.conf` }];
  return {
    'logstash.yml': toYaml(settings),
    'pipelines.yml': toYaml(pipelines),
    // The heap comes from LS_JAVA_OPTS; these are the image's other defaults that matter.
    'jvm.options': ['-XX:+UseG1GC', '-Djava.awt.headless=true', '-Dfile.encoding=UTF-8', '-Djruby.compile.invokedynamic=true', '-XX:+HeapDumpOnOutOfMemoryError', '-XX:HeapDumpPath=/tmp', '-Djava.security.egd=file:/dev/urandom', '-Dlog4j2.isThreadContextMapInheritable=true', ''].join('\n'),
    // Logs to the console only: the root filesystem is read-only and the runtime collects stdout.
    'log4j2.properties': [
      'status = error',
      'name = LogstashPropertiesConfig',
      'appender.console.type = Console',
      'appender.console.name = plain_console',
      'appender.console.layout.type = PatternLayout',
      'appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c]%notEmpty{[%X{pipeline.id}]}%notEmpty{[%X{plugin.id}]} %m%n',
      'rootLogger.level = ${sys:ls.log.level}',
      'rootLogger.appenderRef.console.ref = plain_console',
      '',
    ].join('\n'),
  };
}

/** Putting the same policy again changes nothing, so the step may run on every start. */
function putLifecyclePolicy(minAge: string): string {
  const policy = JSON.stringify({ policy: { phases: { delete: { min_age: minAge, actions: { delete: {} } } } } });
  return untilElasticsearchAccepts('PUT', `/_ilm/policy/${LIFECYCLE_POLICY}`, `'${policy}'`, 'the log lifecycle policy');
}

function renderPipeline(): string {
  return [
    'input {',
    `  beats { port => ${LOGSTASH_PORTS.beats} }`,
    `  tcp { port => ${LOGSTASH_PORTS.jsonLines} codec => json_lines }`,
    '}',
    '',
    'output {',
    '  elasticsearch {',
    `    hosts => ["${ELASTICSEARCH_URL}"]`,
    `    user => "${WRITER.username}"`,
    `    password => "\${${PASSWORD_ENV}}"`,
    `    index => "${INDEX}"`,
    // logs-*-* belongs to Elasticsearch's built-in data-stream template: ours, with a higher priority,
    // keeps these plain daily indices.
    '    data_stream => false',
    '    ilm_enabled => false',
    '    manage_template => true',
    '    template_api => "composable"',
    '    template_name => "logs-fedrl"',
    `    template => "${PIPELINE_DIR}/${TEMPLATE_FILE}"`,
    '    template_overwrite => true',
    '  }',
    '}',
    '',
  ].join('\n');
}

function renderIndexTemplate(replicas: number): string {
  const keyword = { type: 'keyword' };
  const template = {
    index_patterns: [LOG_INDEX_PATTERN],
    priority: 200,
    template: {
      settings: { number_of_shards: 1, number_of_replicas: replicas, 'index.lifecycle.name': LIFECYCLE_POLICY },
      mappings: {
        properties: {
          '@timestamp': { type: 'date' },
          message: { type: 'text' },
          level: keyword,
          logger: keyword,
          agent_id: keyword,
          request_id: keyword,
          trace_id: keyword,
        },
      },
    },
  };
  return `${JSON.stringify(template, null, 2)}\n`;
}
