/**
 * Bad environments, one per class of the settings contract, as a user writes them: each exits 1 with
 * `<file>:<line>: <key.path>:` and the reason, writes nothing to a fresh directory, and leaves an
 * earlier output (with a compose .env, receiver secrets and a folder of the user's) byte-identical.
 * Valid but surprising input warns on stderr and synth succeeds.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { monstack, snapshot, tempDir } from '../helpers/cli';

interface Case {
  readonly name: string;
  /** The environment file given to --env; `base.yaml` beside it when `base` is set. */
  readonly text: string;
  readonly base?: string;
  /** File (base name), line and key path of the message, then the reason. */
  readonly at: readonly [file: string, line: number, keyPath: string];
  readonly reason: RegExp;
}

const ALL_OFF = [
  'prometheus', 'alertmanager', 'grafana', 'loki', 'promtail', 'jaeger', 'elasticsearch', 'logstash', 'kibana', 'node-exporter',
  'cadvisor', 'redis-exporter', 'postgres-exporter', 'gpu-exporter', 'elasticsearch-exporter', 'logstash-exporter',
].map((n) => `  ${n}:\n    enabled: false\n`).join('');

const PROMETHEUS_OFF = ['prometheus', 'alertmanager', 'node-exporter', 'cadvisor', 'redis-exporter', 'postgres-exporter', 'gpu-exporter', 'elasticsearch-exporter', 'logstash-exporter']
  .map((n) => `  ${n}:\n    enabled: false\n`).join('');

const CASES: readonly Case[] = [
  // Settings a component does not take.
  { name: 'replicas on Grafana (SQLite on one volume)', text: 'extends: dev\ncomponents:\n  grafana:\n    replicas: 3\n', at: ['env.yaml', 4, 'components.grafana.replicas'], reason: /grafana does not take replicas: its SQLite database/ },
  { name: 'replicas on a DaemonSet', text: 'extends: dev\ncomponents:\n  node-exporter:\n    replicas: 2\n', at: ['env.yaml', 4, 'components.node-exporter.replicas'], reason: /one copy per host/ },
  { name: 'storage on a component without data', text: 'extends: dev\ncomponents:\n  promtail:\n    storage: 1Gi\n', at: ['env.yaml', 4, 'components.promtail.storage'], reason: /promtail does not take storage/ },
  { name: 'retention on Grafana', text: 'extends: dev\ncomponents:\n  grafana:\n    retention: 7d\n', at: ['env.yaml', 4, 'components.grafana.retention'], reason: /grafana does not take retention/ },
  { name: 'a refused replica count', text: 'extends: dev\ncomponents:\n  elasticsearch:\n    replicas: 2\n', at: ['env.yaml', 4, 'components.elasticsearch.replicas'], reason: /2 copies of elasticsearch do not work/ },
  // Durations.
  { name: 'units out of order', text: 'extends: dev\ncomponents:\n  prometheus:\n    retention: 5m1h\n', at: ['env.yaml', 4, 'components.prometheus.retention'], reason: /not a duration: .*largest to the smallest/ },
  { name: 'a unit twice', text: 'extends: dev\nalerting:\n  rules:\n    HostHighCpuUsage:\n      for: 1m1m\n', at: ['env.yaml', 5, 'alerting.rules.HostHighCpuUsage.for'], reason: /not a duration/ },
  { name: 'a duration past Go\'s range', text: 'extends: dev\nalerting:\n  rules:\n    HostHighCpuUsage:\n      for: 1000y\n', at: ['env.yaml', 5, 'alerting.rules.HostHighCpuUsage.for'], reason: /out of range: .*292 years/ },
  { name: 'a pending period beyond a week', text: 'extends: dev\nalerting:\n  rules:\n    HostHighCpuUsage:\n      for: 30d\n', at: ['env.yaml', 5, 'alerting.rules.HostHighCpuUsage.for'], reason: /too long: at most 1w/ },
  { name: 'a zero group interval', text: 'extends: dev\nalerting:\n  routing:\n    groupInterval: 0s\n', at: ['env.yaml', 4, 'alerting.routing.groupInterval'], reason: /too short/ },
  { name: 'a heartbeat pinged more often than every 10s', text: 'extends: dev\nalerting:\n  routing:\n    heartbeat:\n      interval: 5s\n', at: ['env.yaml', 5, 'alerting.routing.heartbeat.interval'], reason: /too short: at least 10s/ },
  { name: 'a heartbeat interval that is no duration', text: 'extends: dev\nalerting:\n  routing:\n    heartbeat: { interval: 5 minutes }\n', at: ['env.yaml', 4, 'alerting.routing.heartbeat.interval'], reason: /not a duration/ },
  { name: 'a heartbeat URL written in the environment (a credential)', text: 'extends: dev\nalerting:\n  routing:\n    heartbeat:\n      url: https://hc-ping.com/0000\n', at: ['env.yaml', 5, 'alerting.routing.heartbeat.url'], reason: /unknown key; known keys here: interval/ },
  { name: 'Loki retention in part-days', text: 'extends: dev\ncomponents:\n  loki:\n    retention: 36h\n', at: ['env.yaml', 4, 'components.loki.retention'], reason: /whole number of 1d/ },
  // Quantities.
  { name: 'a request above its limit', text: 'extends: dev\ncomponents:\n  grafana:\n    resources:\n      requests:\n        memory: 4Gi\n', at: ['env.yaml', 6, 'components.grafana.resources.requests.memory'], reason: /memory request is above the limit: requests\.memory 4Gi .* > limits\.memory 1Gi \(grafana's default\)/ },
  { name: 'a JVM limit too small for its heap', text: 'extends: dev\ncomponents:\n  elasticsearch:\n    resources:\n      limits: { memory: 256Mi }\n', at: ['env.yaml', 5, 'components.elasticsearch.resources.limits.memory'], reason: /256Mi is too little for elasticsearch: at least 512Mi/ },
  { name: 'a zero volume', text: 'extends: dev\ncomponents:\n  grafana:\n    storage: "0"\n', at: ['env.yaml', 4, 'components.grafana.storage'], reason: /no volume: at least 1Mi/ },
  { name: 'memory in millibytes', text: 'extends: dev\ncomponents:\n  grafana:\n    resources:\n      limits:\n        memory: 500m\n', at: ['env.yaml', 6, 'components.grafana.resources.limits.memory'], reason: /not a byte quantity/ },
  { name: 'a volume beyond what is computed exactly', text: 'extends: dev\ncomponents:\n  grafana:\n    storage: 99999999999999999999Ti\n', at: ['env.yaml', 4, 'components.grafana.storage'], reason: /more than the stack computes exactly/ },
  { name: 'CPU beyond what is computed exactly', text: 'extends: dev\ncomponents:\n  grafana:\n    resources:\n      limits:\n        cpu: "99999999999999999999"\n', at: ['env.yaml', 6, 'components.grafana.resources.limits.cpu'], reason: /more CPU than the stack computes exactly/ },
  { name: 'CPU finer than a millicore', text: 'extends: dev\ncomponents:\n  grafana:\n    resources:\n      limits:\n        cpu: "0.0001"\n', at: ['env.yaml', 6, 'components.grafana.resources.limits.cpu'], reason: /finer than Kubernetes takes/ },
  // Images.
  { name: 'an upper-case repository', text: 'extends: dev\ncomponents:\n  grafana:\n    image: Grafana/grafana:13.2.0\n', at: ['env.yaml', 4, 'components.grafana.image'], reason: /must be lower case/ },
  { name: 'a latest tag', text: 'extends: dev\ncomponents:\n  grafana:\n    image: grafana/grafana:latest\n', at: ['env.yaml', 4, 'components.grafana.image'], reason: /latest moves/ },
  { name: 'no tag at all', text: 'extends: dev\ncomponents:\n  loki:\n    image: grafana/loki\n', at: ['env.yaml', 4, 'components.loki.image'], reason: /names no tag/ },
  // Addresses and names.
  { name: 'a bind address that is no IP', text: 'extends: dev\ncompose:\n  bindAddress: 999.1.1.1\n', at: ['env.yaml', 3, 'compose.bindAddress'], reason: /not an IPv4 or IPv6 address/ },
  { name: 'a port out of range', text: 'extends: dev\napplication:\n  composeTargets:\n    - host.docker.internal:99999\n', at: ['env.yaml', 4, 'application.composeTargets[0]'], reason: /not a port: 1 to 65535/ },
  { name: 'a label key whose prefix is longer than a DNS subdomain (253)', text: `extends: dev\noperator:\n  selectorLabels: { ${'a'.repeat(251)}.io/team: ml }\n`, at: ['env.yaml', 3, `operator.selectorLabels.${'a'.repeat(251)}.io/team`], reason: /is not a name here/ },
  { name: 'a label key prefix with an empty DNS label', text: 'extends: dev\nkubernetes:\n  dns:\n    podLabels: { example..com/app: dns }\n', at: ['env.yaml', 4, 'kubernetes.dns.podLabels.example..com/app'], reason: /is not a name here/ },
  { name: "the cluster Prometheus' URL on a port out of range", text: 'extends: dev\noperator:\n  prometheusUrl: http://prometheus.monitoring.svc:99999\n', at: ['env.yaml', 3, 'operator.prometheusUrl'], reason: /"99999" is not a port: 1 to 65535/ },
  { name: "a password in the cluster Prometheus' URL (a credential in the datasource file)", text: 'extends: dev\noperator:\n  prometheusUrl: https://grafana:s3cret@prometheus.example.org\n', at: ['env.yaml', 3, 'operator.prometheusUrl'], reason: /carries a user or password/ },
  { name: 'a URL host that is no host name', text: 'extends: dev\npublicUrls:\n  kibana: http://-kibana-:5601\n', at: ['env.yaml', 3, 'publicUrls.kibana'], reason: /is not a host name/ },
  { name: 'a user in the runbook URL (every alert carries it)', text: 'extends: dev\nrunbookBaseUrl: https://wiki:token@runbooks.example.org/r\n', at: ['env.yaml', 2, 'runbookBaseUrl'], reason: /carries a user or password/ },
  { name: 'a host that is no IPv4 address', text: 'extends: dev\napplication:\n  redis:\n    address: 999.1.1.1:6379\n', at: ['env.yaml', 4, 'application.redis.address'], reason: /not an IPv4 address/ },
  { name: 'the cluster\'s own namespace', text: 'extends: dev\nnamespace: kube-system\n', at: ['env.yaml', 2, 'namespace'], reason: /belongs to the cluster/ },
  { name: 'the default namespace', text: 'extends: dev\nnamespace: default\n', at: ['env.yaml', 2, 'namespace'], reason: /belongs to the cluster/ },
  { name: 'an application job longer than a label value', text: `extends: dev\napplication:\n  job: ${'fedrl-'.repeat(11)}\n`, at: ['env.yaml', 3, 'application.job'], reason: /label app\.kubernetes\.io\/part-of, so at most 63/ },
  { name: 'an application job ending in "-" (no label value)', text: 'extends: dev\napplication:\n  job: fedrl-\n', at: ['env.yaml', 3, 'application.job'], reason: /ending with a letter or digit/ },
  { name: 'an application job starting with "_" (no label value)', text: 'extends: dev\napplication:\n  job: _fedrl\n', at: ['env.yaml', 3, 'application.job'], reason: /starting with a letter/ },
  { name: 'extends naming a device (read for ever)', text: 'extends: /dev/zero\n', at: ['env.yaml', 1, 'extends'], reason: /"\/dev\/zero" is not a regular file/ },
  { name: 'the application job taking a component\'s', text: 'extends: dev\napplication:\n  job: grafana\n', at: ['env.yaml', 3, 'application.job'], reason: /scrape job of grafana/ },
  // Alert overrides.
  { name: 'a negative percentage', text: 'extends: dev\nalerting:\n  rules:\n    HostHighCpuUsage:\n      thresholds:\n        cpuPercent: -5\n', at: ['env.yaml', 6, 'alerting.rules.HostHighCpuUsage.thresholds.cpuPercent'], reason: /-5 is out of range: cpuPercent is a percentage, 0 to 100/ },
  { name: 'a fraction above 1', text: 'extends: dev\nalerting:\n  rules:\n    CpuSaturationForecast:\n      thresholds:\n        utilisation: 95\n', at: ['env.yaml', 6, 'alerting.rules.CpuSaturationForecast.thresholds.utilisation'], reason: /a fraction, 0 to 1/ },
  { name: 'a threshold named __proto__', text: 'extends: dev\nalerting:\n  rules:\n    HostHighCpuUsage:\n      thresholds:\n        __proto__: 5\n', at: ['env.yaml', 6, 'alerting.rules.HostHighCpuUsage.thresholds.__proto__'], reason: /is not a name here/ },
  { name: 'a threshold named toString', text: 'extends: dev\nalerting:\n  rules:\n    HostHighCpuUsage:\n      thresholds:\n        toString: 5\n', at: ['env.yaml', 6, 'alerting.rules.HostHighCpuUsage.thresholds.toString'], reason: /has no threshold "toString"/ },
  { name: 'an unknown alert where Prometheus is off', base: `extends: dev\nalerting:\n  rules:\n    HostHighCpuUsag:\n      for: 5m\n`, text: `extends: ./base.yaml\ncomponents:\n${PROMETHEUS_OFF}`, at: ['base.yaml', 4, 'alerting.rules.HostHighCpuUsag'], reason: /no alert is named "HostHighCpuUsag" \(did you mean "HostHighCpuUsage"\?\)/ },
  // Contradictions.
  { name: 'Elasticsearch off while others use it', text: 'extends: prod\ncomponents:\n  elasticsearch:\n    enabled: false\n', at: ['env.yaml', 4, 'components.elasticsearch.enabled'], reason: /elasticsearch is disabled, but components\.logstash .*components\.kibana .*tracing\.storage: elasticsearch .*prod\.yaml:\d+.*: set components\.logstash\.enabled: false.*tracing\.storage: memory, or enable elasticsearch/ },
  { name: 'Loki off while Promtail ships to it', text: 'extends: dev\ncomponents:\n  loki:\n    enabled: false\n', at: ['env.yaml', 4, 'components.loki.enabled'], reason: /loki is disabled, but components\.promtail .* needs it: set components\.promtail\.enabled: false, or enable loki/ },
  { name: 'Prometheus off while exporters collect for it', text: 'extends: dev\ncomponents:\n  prometheus:\n    enabled: false\n', at: ['env.yaml', 4, 'components.prometheus.enabled'], reason: /prometheus is disabled, but components\.alertmanager .*components\.node-exporter .* need it/ },
  { name: 'an exporter enabled without its target', text: `extends: dev\ncomponents:\n  logstash:\n    enabled: false\n  logstash-exporter:\n    enabled: true\n`, at: ['env.yaml', 4, 'components.logstash.enabled'], reason: /components\.logstash-exporter \(it reads the statistics of Logstash's API, enabled at .*env\.yaml:6\)/ },
  { name: 'alert overrides with Prometheus off', text: `extends: dev\ncomponents:\n${PROMETHEUS_OFF}alerting:\n  rules:\n    HostHighCpuUsage:\n      for: 30m\n`, at: ['env.yaml', 22, 'alerting.rules'], reason: /does nothing: Prometheus evaluates the alert rules, and prometheus is disabled/ },
  { name: 'settings of a disabled component', text: 'extends: dev\ncomponents:\n  grafana:\n    enabled: false\n    storage: 20Gi\n', at: ['env.yaml', 5, 'components.grafana.storage'], reason: /does nothing: grafana is disabled, so none of its settings is rendered \(components\.grafana\.enabled: false at .*env\.yaml:4\); remove it, or enable grafana/ },
  { name: 'index retention with Logstash off', text: 'extends: dev\ncomponents:\n  logstash:\n    enabled: false\n  logstash-exporter:\n    enabled: false\n  elasticsearch:\n    retention: 30d\n', at: ['env.yaml', 8, 'components.elasticsearch.retention'], reason: /applied by Logstash's lifecycle policy, and logstash is disabled/ },
  { name: 'nothing left to deploy', text: `extends: dev\ncomponents:\n${ALL_OFF}`, at: ['env.yaml', 2, 'components'], reason: /every component is disabled: nothing is left to deploy/ },
  { name: 'an empty extends', text: 'description: x\nextends: ""\n', at: ['env.yaml', 2, 'extends'], reason: /is empty: name a built-in environment/ },
  { name: 'extends naming a directory', text: 'extends: ./\n', at: ['env.yaml', 1, 'extends'], reason: /is a directory/ },
];

/** Temporary directories of this file, removed when it ends. */
const made: string[] = [];
function scratch(prefix: string): string {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
}
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('bad environments: located, exit 1, nothing written', () => {
  const envDir = scratch('monstack-corpus-');
  let out: string;
  let earlier: Map<string, string>;

  before(() => {
    out = scratch('monstack-corpus-out-');
    const first = monstack(['synth', '--env', 'dev', '--out', out]);
    assert.equal(first.status, 0, first.stderr);
    // What a user keeps beside the output: credentials and a folder of their own.
    fs.writeFileSync(path.join(out, 'compose', 'dev', '.env'), 'GRAFANA_ADMIN_PASSWORD=kept\n');
    fs.mkdirSync(path.join(out, 'compose', 'dev', 'secrets'), { recursive: true });
    fs.writeFileSync(path.join(out, 'compose', 'dev', 'secrets', 'pagerduty-routing-key'), 'kept\n');
    fs.mkdirSync(path.join(out, 'notes'));
    fs.writeFileSync(path.join(out, 'notes', 'todo.txt'), 'mine\n');
    earlier = snapshot(out);
  });

  for (const [i, c] of CASES.entries()) {
    it(c.name, () => {
      const dir = path.join(envDir, String(i));
      fs.mkdirSync(dir);
      if (c.base !== undefined) fs.writeFileSync(path.join(dir, 'base.yaml'), c.base);
      const file = path.join(dir, 'env.yaml');
      fs.writeFileSync(file, c.text);
      const [atFile, line, keyPath] = c.at;
      const expected = `${path.join(dir, atFile)}:${line}: ${keyPath}: `;

      const fresh = path.join(scratch('monstack-corpus-fresh-'), 'out');
      const r = monstack(['synth', '--env', file, '--out', fresh]);
      assert.equal(r.status, 1, r.stderr);
      assert.ok(r.stderr.startsWith(expected), `expected "${expected}…", got: ${r.stderr}`);
      assert.match(r.stderr, c.reason);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'a stack trace');
      assert.equal(r.stdout, '');
      assert.equal(fs.existsSync(fresh), false, 'wrote to a fresh directory');

      const again = monstack(['synth', '--env', file, '--env', 'dev', '--out', out]);
      assert.equal(again.status, 1);
      assert.deepEqual(snapshot(out), earlier);
    });
  }
});

describe('surprising environments: a warning, exit 0', () => {
  const envDir = scratch('monstack-warn-');
  const cases: readonly { name: string; text: string; expected: RegExp }[] = [
    { name: 'an empty file', text: '', expected: /env\.yaml:1: warning: the environment file is empty/ },
    { name: 'a compose bind address other than loopback', text: 'extends: dev\ncompose:\n  bindAddress: 0.0.0.0\n', expected: /env\.yaml:3: warning: compose\.bindAddress: compose publishes .* on 0\.0\.0\.0, reachable from other hosts/ },
  ];
  for (const [i, c] of cases.entries()) {
    it(c.name, () => {
      const dir = path.join(envDir, String(i));
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'env.yaml'), c.text);
      const out = scratch('monstack-warn-out-');
      const r = monstack(['synth', '--env', path.join(dir, 'env.yaml'), '--target', 'compose', '--out', out]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, c.expected);
      assert.match(r.stdout, /wrote /);
    });
  }

  it('says nothing about a loopback bind address', () => {
    const file = path.join(envDir, 'loopback.yaml');
    fs.writeFileSync(file, 'extends: dev\ncompose:\n  bindAddress: "::1"\n');
    const r = monstack(['synth', '--env', file, '--target', 'compose', '--out', scratch('monstack-warn-out-')]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
  });
});
