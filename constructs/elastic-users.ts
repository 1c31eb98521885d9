/**
 * One Elasticsearch user and role per client, each allowed what that client does and nothing more.
 * Each client's own setup step creates its role and user, as elastic, just before the client starts:
 * any client may be turned off on its own, and none starts before its user exists. Only setup steps
 * (and Elasticsearch itself, for its bootstrap password) hold the elastic password.
 */
import { resources } from './component';
import { ELASTIC_PASSWORD, ELASTICSEARCH_URL } from './elastic';
import { SecretRef, SetupStep } from './service';

/** The Secret with the clients' passwords. Setup steps set them on every start, so a fresh one may be applied any time. */
export const ELASTIC_USERS_SECRET = 'elasticsearch-users';

export interface IndexPrivileges {
  readonly names: readonly string[];
  readonly privileges: readonly string[];
}

/** A client's user: its name (also its role's), what the role allows, and where its password lives. */
export interface ElasticClientUser {
  readonly username: string;
  readonly cluster: readonly string[];
  readonly indices: readonly IndexPrivileges[];
  readonly password: SecretRef;
}

function clientUser(client: string, what: string, cluster: readonly string[], indices: readonly IndexPrivileges[]): ElasticClientUser {
  return {
    username: `monstack-${client}`,
    cluster,
    indices,
    password: {
      secret: ELASTIC_USERS_SECRET,
      key: `${client}-password`,
      description: `Elasticsearch password of the user monstack-${client} (${what})`,
      generated: true,
    },
  };
}

/** Writes the daily log indices; installs their index template, which names their lifecycle policy. */
export function logstashWriter(indexPattern: string): ElasticClientUser {
  return clientUser('logstash', 'Logstash writes the log indices', ['monitor', 'manage_index_templates', 'manage_ilm'], [
    { names: [indexPattern], privileges: ['create_index', 'create_doc', 'write', 'view_index_metadata', 'manage_ilm'] },
  ]);
}

/** Writes and reads the span indices (the query service reads what the collector wrote); installs their templates. */
export function jaegerWriter(indexPrefix: string): ElasticClientUser {
  return clientUser('jaeger', 'Jaeger writes and reads the span indices', ['monitor', 'manage_index_templates'], [
    { names: [`${indexPrefix}-*`], privileges: ['create_index', 'create_doc', 'write', 'read', 'view_index_metadata'] },
  ]);
}

/** Lists and deletes the span indices, nothing else. */
export function jaegerIndexCleanerUser(indexPrefix: string): ElasticClientUser {
  return clientUser('jaeger-index-cleaner', 'the index cleaner deletes old span indices', ['monitor'], [
    { names: [`${indexPrefix}-*`], privileges: ['view_index_metadata', 'delete_index'] },
  ]);
}

/** Reads the log indices, for Grafana's datasource. */
export function grafanaReader(indexPattern: string): ElasticClientUser {
  return clientUser('grafana', 'Grafana reads the log indices', ['monitor'], [{ names: [indexPattern], privileges: ['read', 'view_index_metadata'] }]);
}

/** Cluster, node and index statistics, no documents: the exporter's --es.all --es.indices. */
export function exporterMonitor(): ElasticClientUser {
  return clientUser('elasticsearch-exporter', 'the exporter reads cluster and index statistics', ['monitor'], [{ names: ['*'], privileges: ['monitor'] }]);
}

/** The variable a setup step reads a client's password from. */
export function passwordVariable(user: ElasticClientUser): string {
  return `${user.password.key.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** How a setup step talks to Elasticsearch: curl where the image has it, busybox wget otherwise. */
export type HttpTool = 'curl' | 'wget';

/**
 * A shell loop that sends one request as elastic (its password in $ELASTIC_PASSWORD) until Elasticsearch
 * answers 2xx, so the step outlasts a cluster that is still starting. `body` is one shell word, quoted by
 * the caller (single quotes keep a fixed JSON as it is, double quotes let a variable expand). Busybox wget
 * sends only GET and POST, which every call here is (the security API takes POST for create-or-update).
 */
export function untilElasticsearchAnswers(tool: HttpTool, method: 'POST' | 'PUT', path: string, body: string, waitingFor: string): string {
  const url = `"${ELASTICSEARCH_URL}${path}"`;
  if (tool === 'wget' && method !== 'POST') throw new Error(`busybox wget cannot send ${method} ${path}`);
  const request =
    tool === 'curl'
      ? `curl -s -f -o /dev/null -u "elastic:$ELASTIC_PASSWORD" -X ${method} -H "Content-Type: application/json" ${url} -d ${body}`
      : // Busybox's wget takes no password option: the credentials go in a header, which keeps any character of the password working.
        `wget -q -O /dev/null --header "Authorization: Basic $(printf 'elastic:%s' "$ELASTIC_PASSWORD" | base64 | tr -d '\\n')" --header "Content-Type: application/json" --post-data ${body} ${url}`;
  return `until ${request}; do echo "waiting for elasticsearch to accept ${waitingFor}"; sleep 5; done`;
}

/** JSON text as one double-quoted shell word, with `$NAME` left to expand. */
function shellJson(value: unknown, variables: Readonly<Record<string, string>> = {}): string {
  let text = JSON.stringify(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '\\$').replace(/`/g, '\\`');
  for (const [placeholder, variable] of Object.entries(variables)) text = text.split(placeholder).join(`$${variable}`);
  return `"${text}"`;
}

/** The setup script lines that create (or update) each user's role, then the user with the Secret's password. */
export function createUsersScript(users: readonly ElasticClientUser[], tool: HttpTool): string[] {
  return users.flatMap((user) => {
    const placeholder = '@PASSWORD@';
    const role = { cluster: user.cluster, indices: user.indices };
    const account = { password: placeholder, roles: [user.username], full_name: user.password.description };
    return [
      untilElasticsearchAnswers(tool, 'POST', `/_security/role/${user.username}`, shellJson(role), `the role ${user.username}`),
      untilElasticsearchAnswers(tool, 'POST', `/_security/user/${user.username}`, shellJson(account, { [placeholder]: passwordVariable(user) }), `the user ${user.username}`),
    ];
  });
}

/** The setup step's variables: the elastic password and each user's. */
export function setupSecretEnv(elasticPassword: SecretRef, users: readonly ElasticClientUser[]): { env: string; ref: SecretRef }[] {
  return [{ env: 'ELASTIC_PASSWORD', ref: elasticPassword }, ...users.map((u) => ({ env: passwordVariable(u), ref: u.password }))];
}

/**
 * The setup step of a client whose image has wget and no more: it creates the client's role and user as
 * elastic, waiting for the cluster to answer. `whose` names the client in the description ("Jaeger's").
 */
export function createUserStep(user: ElasticClientUser, whose: string, descriptionTail = ''): SetupStep {
  return {
    description: `creates ${whose} own role and user ${user.username} through the Elasticsearch API, as elastic${descriptionTail}`,
    command: ['sh', '-c', createUsersScript([user], 'wget').join('\n')],
    secretEnv: setupSecretEnv(ELASTIC_PASSWORD, [user]),
    resources: resources('10m', '16Mi', '100m', '32Mi'),
  };
}
