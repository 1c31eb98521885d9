/**
 * How the log and trace components meet: Promtail pushes to Loki, Grafana reads Loki, Jaeger and
 * Elasticsearch with fixed uids, and a trace id in a log line opens its trace while a trace opens its logs.
 */
import { ELASTIC_PASSWORD, ELASTICSEARCH_HTTP_PORT, ELASTICSEARCH_URL } from './elastic';
import { createUsersScript, grafanaReader, setupSecretEnv } from './elastic-users';
import { LOG_INDEX_PATTERN } from './logstash';
import type { MonitoringStack } from './stack';

/** Grafana reads the Elasticsearch password from this variable (provisioning expands `$__env{…}`). */
const ELASTICSEARCH_PASSWORD_ENV = 'ELASTICSEARCH_PASSWORD';

export function wireLogsAndTraces(stack: MonitoringStack): void {
  const { loki, promtail, jaeger, elasticsearch, grafana } = stack;
  if (promtail && !loki) throw new Error('promtail is enabled but loki is not: Promtail has nowhere to ship; disable components.promtail too');
  if (promtail && loki) promtail.shipTo(loki);
  if (!grafana) return;
  if (loki) {
    grafana.addDatasource({
      uid: 'loki',
      name: 'Loki',
      type: 'loki',
      url: loki.url,
      jsonData: {
        maxLines: 1000,
        ...(jaeger
          ? {
              derivedFields: [
                {
                  name: 'TraceID',
                  // A JSON field or a key=value pair; the first group is the id.
                  matcherRegex: '(?:"trace_id"\\s*:\\s*"|trace_id=)([0-9a-fA-F]+)',
                  datasourceUid: 'jaeger',
                  // `$$` keeps provisioning from expanding Grafana's own variable.
                  url: '$${__value.raw}',
                  urlDisplayLabel: 'Open the trace in Jaeger',
                },
              ],
            }
          : {}),
      },
      service: { name: loki.serviceName, port: loki.port },
    });
  }
  if (jaeger) {
    grafana.addDatasource({
      uid: 'jaeger',
      name: 'Jaeger',
      type: 'jaeger',
      url: jaeger.url,
      jsonData: {
        nodeGraph: { enabled: true },
        ...(loki
          ? {
              tracesToLogsV2: {
                datasourceUid: 'loki',
                spanStartTimeShift: '-5m',
                spanEndTimeShift: '5m',
                filterByTraceID: false,
                filterBySpanID: false,
                customQuery: true,
                // Every stream, narrowed to the lines that carry this trace's id (structured metadata or text).
                query: '{job=~".+"} |= "$${__trace.traceId}"',
              },
            }
          : {}),
      },
      service: { name: jaeger.serviceName, port: jaeger.queryPort },
    });
  }
  if (elasticsearch) {
    // Its own user, allowed to read the log indices only; created by Grafana's setup step.
    const reader = grafanaReader(LOG_INDEX_PATTERN);
    grafana.addSecretEnv(ELASTICSEARCH_PASSWORD_ENV, reader.password);
    grafana.addSetup({
      description: `creates the role and user ${reader.username} of its Elasticsearch datasource through the Elasticsearch API, as elastic`,
      script: createUsersScript([reader], 'curl'),
      secretEnv: setupSecretEnv(ELASTIC_PASSWORD, [reader]),
    });
    grafana.addDatasource({
      uid: 'elasticsearch',
      name: 'Elasticsearch',
      type: 'elasticsearch',
      url: ELASTICSEARCH_URL,
      basicAuthUser: reader.username,
      jsonData: {
        index: LOG_INDEX_PATTERN,
        timeField: '@timestamp',
        logMessageField: 'message',
        logLevelField: 'level',
      },
      secureJsonData: { basicAuthPassword: `$__env{${ELASTICSEARCH_PASSWORD_ENV}}` },
      service: { name: elasticsearch.serviceName, port: ELASTICSEARCH_HTTP_PORT },
    });
  }
}
