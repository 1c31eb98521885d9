import { Construct } from 'constructs';
import { Component, ComponentProps, mergeResources, resources } from './component';
import { ELASTICSEARCH_HTTP_PORT, ELASTICSEARCH_SERVICE, ELASTICSEARCH_URL, elasticTimeValue } from './elastic';
import { createUserStep, jaegerIndexCleanerUser } from './elastic-users';
import { IMAGE_FACTS, IMAGES } from './images';
import { JAEGER_INDEX_PREFIX } from './jaeger';
import { ServiceSpec } from './service';
import { ELASTICSEARCH_SETTINGS } from './elasticsearch';
import { ComponentSettingsDeclaration, KEEPS_NO_DATA } from './settings';

/**
 * What an environment may set on the index cleaner (see settings.ts). It runs only where Jaeger keeps its
 * spans in Elasticsearch, and deletes them after the cluster's one retention.
 */
export const JAEGER_INDEX_CLEANER_SETTINGS: ComponentSettingsDeclaration = {
  image: IMAGES.jaegerIndexCleaner,
  resources: resources('10m', '32Mi', '200m', '128Mi'),
  scrapeJobs: [],
  runsOnlyWhen: {
    setting: ['tracing', 'storage'],
    equals: 'elasticsearch',
    with: ['jaeger', 'elasticsearch'],
    why: 'the index cleaner runs only where Jaeger keeps its spans in Elasticsearch',
  },
  without: {
    replicas: 'a scheduled job that runs once a day: a second copy would delete the same indices',
    storage: KEEPS_NO_DATA,
    retention: 'it deletes span indices after components.elasticsearch.retention, the retention of everything the cluster keeps',
  },
};

export interface JaegerIndexCleanerProps extends ComponentProps {
  /** How long spans are kept: daily indices created before that are deleted. @default ELASTICSEARCH_SETTINGS.retention */
  readonly retention?: string;
}

const DEFAULTS = Object.freeze({
  image: JAEGER_INDEX_CLEANER_SETTINGS.image,
  retention: ELASTICSEARCH_SETTINGS.retention!.default,
  resources: JAEGER_INDEX_CLEANER_SETTINGS.resources,
});

/** Once a day, shortly after midnight UTC, when yesterday's index was the last one written. */
const SCHEDULE = { cron: '15 0 * * *', everySeconds: 86400 } as const;
/** The cleaner's own user: lists and deletes span indices, nothing else. */
const CLEANER = jaegerIndexCleanerUser(JAEGER_INDEX_PREFIX);

/**
 * Deletes Jaeger's daily span and service indices after the retention, with Jaeger's own index cleaner on
 * a schedule: without it they grow until Elasticsearch's flood-stage watermark makes every index
 * read-only, and log ingestion stops with them.
 */
export class JaegerIndexCleaner extends Component {
  readonly serviceName = 'jaeger-index-cleaner';
  private readonly props: JaegerIndexCleanerProps;

  constructor(scope: Construct, id: string, props: JaegerIndexCleanerProps = {}) {
    super(scope, id);
    retentionDays(props.retention ?? DEFAULTS.retention);
    this.props = props;
  }

  describe(): ServiceSpec {
    const p = { ...DEFAULTS, ...this.props };
    const days = retentionDays(p.retention);
    return {
      name: this.serviceName,
      description: `Deletes Jaeger's daily span indices older than ${days} day${days === 1 ? '' : 's'}, once a day`,
      image: p.image,
      workload: 'CronJob',
      replicas: 1,
      schedule: SCHEDULE,
      command: ['/go/bin/es-index-cleaner-linux'],
      args: [String(days), ELASTICSEARCH_URL, `--index-prefix=${JAEGER_INDEX_PREFIX}`],
      // The cleaner reads every flag from the environment too: es.username, es.password.
      env: { ES_USERNAME: CLEANER.username },
      secretEnv: [{ env: 'ES_PASSWORD', ref: CLEANER.password }],
      setup: createUserStep(CLEANER, "the cleaner's"),
      ports: [],
      resources: mergeResources(DEFAULTS.resources, this.props.resources),
      user: IMAGE_FACTS.jaegerIndexCleaner.user.uid,
      group: 10001,
      links: [{ service: ELASTICSEARCH_SERVICE, port: ELASTICSEARCH_HTTP_PORT }],
      startsAfter: [ELASTICSEARCH_SERVICE],
    };
  }
}

/** Whole days of a retention (the cleaner's unit), rounded up so nothing younger than the retention goes. */
export function retentionDays(retention: string): number {
  const value = elasticTimeValue(retention);
  const seconds = Number(value.slice(0, -1)) * { d: 86400, h: 3600, s: 1 }[value.slice(-1) as 'd' | 'h' | 's'];
  return Math.max(1, Math.ceil(seconds / 86400));
}
