/**
 * What the Elastic components (Elasticsearch, Logstash, Kibana, Jaeger's and Grafana's Elasticsearch
 * connections, the exporter) share: where the cluster listens and the credentials its users present.
 */
import { memoryBytes } from './component';
import { Platform } from './platform';
import { SecretRef } from './service';

export const ELASTICSEARCH_SERVICE = 'elasticsearch';
export const ELASTICSEARCH_HTTP_PORT = 9200;
export const ELASTICSEARCH_URL = `http://${ELASTICSEARCH_SERVICE}:${ELASTICSEARCH_HTTP_PORT}`;

/** The Secret with the Elastic credentials, created by `monstack secrets`. */
export const ELASTIC_SECRET = 'elasticsearch';

/** The built-in superuser's password: set on the cluster's first start (bootstrap password). */
export const ELASTIC_PASSWORD: SecretRef = {
  secret: ELASTIC_SECRET,
  key: 'elastic-password',
  description: 'Elasticsearch password of the built-in user elastic',
  generated: true,
};

/** Kibana's own user, kibana_system: its password is set through the API by Kibana's setup step. */
export const KIBANA_SYSTEM_PASSWORD: SecretRef = {
  secret: ELASTIC_SECRET,
  key: 'kibana-system-password',
  description: 'Elasticsearch password of the built-in user kibana_system (Kibana connects as it)',
  generated: true,
};

/** Encrypts Kibana's saved objects (alerting rules, connectors); at least 32 characters. */
export const KIBANA_ENCRYPTION_KEY: SecretRef = {
  secret: ELASTIC_SECRET,
  key: 'kibana-encryption-key',
  description: 'Kibana encryption key for saved objects',
  generated: true,
};

/** Encrypts Kibana's session cookies: a fixed key keeps users logged in across restarts and copies. */
export const KIBANA_SECURITY_KEY: SecretRef = {
  secret: ELASTIC_SECRET,
  key: 'kibana-security-encryption-key',
  description: 'Kibana encryption key for session cookies (xpack.security.encryptionKey)',
  generated: true,
};

/** Encrypts Kibana's report jobs: a fixed key lets a restarted Kibana finish the reports queued before. */
export const KIBANA_REPORTING_KEY: SecretRef = {
  secret: ELASTIC_SECRET,
  key: 'kibana-reporting-encryption-key',
  description: 'Kibana encryption key for reporting jobs (xpack.reporting.encryptionKey)',
  generated: true,
};

/** Transport-layer certificates of a multi-node cluster, shared by every node; issued by the user. */
export const TRANSPORT_TLS_SECRET = 'elasticsearch-transport-tls';

/** Half of it is the JVM heap, which needs 256Mi at least. */
export const JVM_MIN_MEMORY_LIMIT = { value: '512Mi', why: 'half the memory limit is the JVM heap, which needs 256Mi at least' } as const;

/**
 * JVM heap flags for half the container's memory limit, the rest left to the OS page cache and off-heap use.
 * `service` names the environment key to raise when the limit is too small.
 */
export function halfHeapFlags(memoryLimit: string, service: string): string {
  const heap = Math.floor(memoryBytes(memoryLimit) / 2 / 2 ** 20);
  if (heap < 256) {
    throw new Error(`${service}: a memory limit of ${memoryLimit} leaves a JVM heap under 256Mi: raise components.${service}.resources.limits.memory to 512Mi or more`);
  }
  return `-Xms${heap}m -Xmx${heap}m`;
}

const SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/** An environment duration (`30d`, `720h`, `1w2d`) as an Elasticsearch time value, which takes one unit. */
export function elasticTimeValue(duration: string): string {
  const parts = [...duration.matchAll(/([0-9]+)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== duration) throw new Error(`cannot read the duration "${duration}"`);
  const seconds = parts.reduce((sum, p) => sum + Number(p[1]) * SECONDS[p[2]], 0);
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  return `${Math.ceil(seconds)}s`;
}

/** Index replicas on a cluster of `clusterReplicas` nodes as the platform runs it: one where another node can hold it. */
export function indexReplicas(platform: Platform, clusterReplicas: number): number {
  return Math.min(1, platform.copies(clusterReplicas) - 1);
}

/**
 * The shell loop of a setup step: one request to Elasticsearch as elastic, repeated until it answers 200,
 * so the step outlasts a cluster that is still starting. `body` is one shell word, quoted by the caller
 * (single quotes keep a fixed JSON as it is, double quotes let a variable expand).
 */
export function untilElasticsearchAccepts(method: 'POST' | 'PUT', path: string, body: string, waitingFor: string): string {
  return [
    `until curl -s -o /dev/null -w "%{http_code}" -u "elastic:$ELASTIC_PASSWORD" -X ${method} -H "Content-Type: application/json"`,
    `"${ELASTICSEARCH_URL}${path}" -d ${body} | grep -q "^200$";`,
    `do echo "waiting for elasticsearch to accept ${waitingFor}"; sleep 5; done`,
  ].join(' ');
}
