/**
 * The monitoring stack watching itself: a Watchdog that always fires (its silence means the alerting
 * pipeline is broken), targets down, failing rules, reloads and notifications, and the log and trace
 * stores down.
 */
import { AlertRule, RuleFile, Runbook, Thresholds, alert, percent, series } from './model/rule';

const MONITORING_TEAM = 'infrastructure';

const TARGET_DOWN_RUNBOOK: Runbook = {
  symptoms: 'Prometheus cannot scrape a service: its metrics are missing and its own alerts cannot fire.',
  investigation: [
    'Open Prometheus → Status → Targets and read the scrape error of the target.',
    'Check the pod or container of the service (`kubectl describe pod`, `docker-compose ps`).',
    'Check NetworkPolicies and the service\'s port: a renamed port breaks discovery.',
  ],
  resolution: ['Restart the service or fix its configuration.', 'Restore the network path from Prometheus.'],
};

/** A store of the stack is down: its job has no answering target, or no target at all. */
function serviceDown(name: string, job: string, component: string, what: string): AlertRule<Thresholds> {
  return alert({
    name,
    expr: () => `up{job="${job}"} == 0 or absent(up{job="${job}"})`,
    for: '5m',
    severity: 'critical',
    team: MONITORING_TEAM,
    component,
    requires: [job],
    thresholds: {},
    summary: `${what} is down`,
    description: `Prometheus has had no answer from ${job} for 5 minutes; ${what.toLowerCase()} is unavailable.`,
    runbook: {
      symptoms: `${what} is unavailable: Grafana panels that read it are empty.`,
      investigation: [
        `Check the ${job} pods or containers and their last logs.`,
        'Check its volume: a full disk stops most stores.',
        'Check memory: an OOM-killed container restarts in a loop.',
      ],
      resolution: ['Restart it; grow its volume or memory limit if that is what stopped it.'],
    },
    tests: {
      fires: { series: [series(`up{instance="${job}:1",job="${job}"}`, '0x20')], at: '10m', labels: { instance: `${job}:1`, job } },
      quiet: { series: [series(`up{instance="${job}:1",job="${job}"}`, '1x20')], at: '10m' },
    },
  });
}

/**
 * Prometheus or Alertmanager keeps running on its previous configuration when a reload fails, so the
 * failure is silent: both export the same `<job>_config_last_reload_successful` gauge.
 */
function configReloadFailed(product: string, job: string, port: number, runbook: Runbook): AlertRule<Thresholds> {
  const instance = `${job}:${port}`;
  const gauge = `${job}_config_last_reload_successful`;
  return alert({
    name: `${product}ConfigReloadFailed`,
    expr: () => `${gauge}{job="${job}"} == 0`,
    for: '10m',
    severity: 'warning',
    team: MONITORING_TEAM,
    component: 'monitoring',
    thresholds: {},
    summary: `${product} could not load its configuration`,
    description: '{{ $labels.instance }} runs on its previous configuration: the last reload failed.',
    runbook,
    tests: {
      fires: { series: [series(`${gauge}{instance="${instance}",job="${job}"}`, '0x20')], at: '15m', labels: { instance, job }, description: `${instance} runs on its previous configuration: the last reload failed.` },
      quiet: { series: [series(`${gauge}{instance="${instance}",job="${job}"}`, '1x20')], at: '15m' },
    },
  });
}

export function selfMonitoringRules(): RuleFile {
  return {
    name: 'self-monitoring',
    groups: [
      {
        name: 'self-monitoring.prometheus',
        rules: [
          alert({
            name: 'Watchdog',
            expr: () => 'vector(1)',
            severity: 'info',
            team: MONITORING_TEAM,
            component: 'monitoring',
            thresholds: {},
            summary: 'The alerting pipeline works (this alert always fires)',
            description: 'Always firing, so that its absence downstream shows Prometheus or Alertmanager is broken. Route it to a heartbeat receiver, never to people.',
            runbook: {
              symptoms: 'None: this alert always fires. When a heartbeat service stops receiving it, alerting is broken.',
              investigation: ['Check that Prometheus evaluates rules (Status → Rules).', 'Check that Alertmanager is up and receives alerts from every Prometheus.'],
              resolution: ['Restore Prometheus or Alertmanager; never silence the Watchdog.'],
            },
            tests: { fires: { series: [], at: '1m' }, quiet: { impossible: 'the Watchdog fires always, by design' } },
          }),
          alert({
            name: 'TargetDown',
            // Optional targets (a GPU exporter on hosts without GPUs) may be down without anyone caring.
            expr: (t) => `100 * count by (job) (up{optional!="true"} == 0) / count by (job) (up{optional!="true"}) > ${t.percentDown}`,
            for: '10m',
            severity: 'warning',
            team: MONITORING_TEAM,
            component: 'monitoring',
            thresholds: { percentDown: percent(10) },
            summary: 'Targets of {{ $labels.job }} are down',
            description: (t) => `{{ $value | printf "%.0f" }}% of the {{ $labels.job }} targets are down (threshold ${t.percentDown}%).`,
            runbook: TARGET_DOWN_RUNBOOK,
            tests: {
              fires: { series: [series('up{instance="redis-exporter:9121",job="redis-exporter"}', '0x20')], at: '15m', labels: { job: 'redis-exporter' }, summary: 'Targets of redis-exporter are down', description: '100% of the redis-exporter targets are down (threshold 10%).' },
              quiet: {
                series: [series('up{instance="redis-exporter:9121",job="redis-exporter"}', '1x20'), series('up{instance="gpu-exporter:9400",job="gpu-exporter",optional="true"}', '0x20')],
                at: '15m',
              },
            },
          }),
          alert({
            name: 'PrometheusRuleFailures',
            expr: () => 'increase(prometheus_rule_evaluation_failures_total{job="prometheus"}[5m]) > 0',
            for: '10m',
            severity: 'warning',
            team: MONITORING_TEAM,
            component: 'monitoring',
            thresholds: {},
            summary: 'Prometheus fails to evaluate rules',
            description: '{{ $labels.instance }} failed {{ $value | printf "%.0f" }} evaluations of {{ $labels.rule_group }} in 5 minutes; its alerts may not fire.',
            runbook: {
              symptoms: 'Some recording or alerting rules produce nothing; dashboards built on them are empty.',
              investigation: ['Open Prometheus → Status → Rules and read the error of the failing rule.', 'Look for a query that became too expensive or a many-to-many match error.'],
              resolution: ['Fix the rule in alerts/ and redeploy.'],
            },
            tests: {
              fires: {
                series: [series('prometheus_rule_evaluation_failures_total{instance="prometheus:9090",job="prometheus",rule_group="/etc/prometheus/rules/system.yaml;system.alerts"}', '0+1x30')],
                at: '20m',
                labels: { instance: 'prometheus:9090', job: 'prometheus', rule_group: '/etc/prometheus/rules/system.yaml;system.alerts' },
                description: 'prometheus:9090 failed 5 evaluations of /etc/prometheus/rules/system.yaml;system.alerts in 5 minutes; its alerts may not fire.',
              },
              quiet: { series: [series('prometheus_rule_evaluation_failures_total{instance="prometheus:9090",job="prometheus",rule_group="g"}', '3x30')], at: '20m' },
            },
          }),
          configReloadFailed('Prometheus', 'prometheus', 9090, {
            symptoms: 'Configuration changes (new targets, rules) do not take effect.',
            investigation: ['Read Prometheus\' log for the reload error.', 'Run `promtool check config` on the rendered prometheus.yml.'],
            resolution: ['Fix the configuration and redeploy: a changed ConfigMap rolls the pods; in compose, `docker-compose kill -s HUP prometheus` reloads (the lifecycle API is off, so `/-/reload` is refused).'],
          }),
          alert({
            name: 'PrometheusNotificationsFailing',
            expr: () => 'rate(prometheus_notifications_errors_total{job="prometheus"}[5m]) > 0',
            for: '15m',
            severity: 'critical',
            team: MONITORING_TEAM,
            component: 'monitoring',
            requires: ['alertmanager'],
            thresholds: {},
            summary: 'Prometheus cannot send alerts to Alertmanager',
            description: '{{ $labels.instance }} fails to deliver alerts to {{ $labels.alertmanager }}.',
            runbook: {
              symptoms: 'Alerts fire in Prometheus but nobody is notified.',
              investigation: ['Check that Alertmanager is up.', 'Check the network path and NetworkPolicy from Prometheus to Alertmanager on 9093.'],
              resolution: ['Restore Alertmanager or the path to it.'],
            },
            tests: {
              fires: {
                series: [series('prometheus_notifications_errors_total{alertmanager="http://alertmanager:9093/api/v2/alerts",instance="prometheus:9090",job="prometheus"}', '0+1x30')],
                at: '25m',
                labels: { alertmanager: 'http://alertmanager:9093/api/v2/alerts', instance: 'prometheus:9090', job: 'prometheus' },
                description: 'prometheus:9090 fails to deliver alerts to http://alertmanager:9093/api/v2/alerts.',
              },
              quiet: { series: [series('prometheus_notifications_errors_total{alertmanager="a",instance="prometheus:9090",job="prometheus"}', '2x30')], at: '25m' },
            },
          }),
        ],
      },
      {
        name: 'self-monitoring.alertmanager',
        requires: ['alertmanager'],
        rules: [
          alert({
            name: 'AlertmanagerNotificationsFailed',
            expr: () => 'sum by (job, instance, integration) (increase(alertmanager_notifications_failed_total{job="alertmanager"}[10m])) > 0',
            for: '5m',
            severity: 'critical',
            team: MONITORING_TEAM,
            component: 'monitoring',
            thresholds: {},
            summary: 'Alertmanager fails to send notifications',
            description: '{{ $labels.instance }} failed to notify through {{ $labels.integration }} in the last 10 minutes.',
            runbook: {
              symptoms: 'Alerts reach Alertmanager but not PagerDuty or the team channels.',
              investigation: [
                'Read Alertmanager\'s log for the integration\'s error (401: a bad key or webhook URL in the mounted secret files).',
                'Check egress to the integration on 443 (NetworkPolicy, proxy, DNS).',
              ],
              resolution: ['Renew the receiver credential in the alertmanager-receivers Secret.', 'Restore egress to the integration.'],
            },
            tests: {
              fires: {
                series: [series('alertmanager_notifications_failed_total{instance="alertmanager:9093",integration="slack",job="alertmanager",reason="clientError"}', '0+1x30')],
                at: '20m',
                labels: { instance: 'alertmanager:9093', integration: 'slack', job: 'alertmanager' },
                description: 'alertmanager:9093 failed to notify through slack in the last 10 minutes.',
              },
              quiet: { series: [series('alertmanager_notifications_failed_total{instance="alertmanager:9093",integration="slack",job="alertmanager",reason="clientError"}', '4x30')], at: '20m' },
            },
          }),
          configReloadFailed('Alertmanager', 'alertmanager', 9093, {
            symptoms: 'Routing or receiver changes do not take effect.',
            investigation: ['Read Alertmanager\'s log for the reload error.', 'Run `amtool check-config` on the rendered alertmanager.yml (with the secret files present).'],
            resolution: ['Fix the configuration or the missing secret file, then reload (`POST /-/reload`).'],
          }),
        ],
      },
      {
        name: 'self-monitoring.stores',
        rules: [
          serviceDown('LokiDown', 'loki', 'logging', 'Log storage (Loki)'),
          serviceDown('JaegerDown', 'jaeger', 'tracing', 'Tracing (Jaeger)'),
          alert({
            name: 'ElasticsearchDown',
            // The exporter answers but reports no cluster health: it cannot reach Elasticsearch. (Read
            // from the health series themselves, which every exporter version emits only on success.)
            expr: () =>
              'up{job="elasticsearch-exporter"} == 1 unless on (job, instance) count by (job, instance) (elasticsearch_cluster_health_status{job="elasticsearch-exporter"})',
            for: '5m',
            severity: 'critical',
            team: MONITORING_TEAM,
            component: 'logging',
            requires: ['elasticsearch-exporter'],
            thresholds: {},
            summary: 'Elasticsearch does not answer',
            description: 'The exporter at {{ $labels.instance }} cannot read Elasticsearch\'s cluster health.',
            runbook: {
              symptoms: 'Kibana and log search fail; Logstash backs up.',
              investigation: ['Check the Elasticsearch pods and their logs.', 'Check disk watermarks: a full disk makes indices read-only.', 'Check JVM heap pressure.'],
              resolution: ['Restart the failed nodes; free or grow disk; raise the heap if it is exhausted.'],
            },
            tests: {
              fires: {
                series: [series('up{instance="elasticsearch-exporter:9114",job="elasticsearch-exporter"}', '1x20')],
                at: '10m',
                labels: { instance: 'elasticsearch-exporter:9114', job: 'elasticsearch-exporter' },
                description: 'The exporter at elasticsearch-exporter:9114 cannot read Elasticsearch\'s cluster health.',
              },
              quiet: {
                series: [
                  series('up{instance="elasticsearch-exporter:9114",job="elasticsearch-exporter"}', '1x20'),
                  series('elasticsearch_cluster_health_status{cluster="logs",color="green",instance="elasticsearch-exporter:9114",job="elasticsearch-exporter"}', '1x20'),
                ],
                at: '10m',
              },
            },
          }),
          alert({
            name: 'ElasticsearchClusterRed',
            expr: () => 'elasticsearch_cluster_health_status{job="elasticsearch-exporter",color="red"} == 1',
            for: '5m',
            severity: 'critical',
            team: MONITORING_TEAM,
            component: 'logging',
            requires: ['elasticsearch-exporter'],
            thresholds: {},
            summary: 'Elasticsearch cluster health is red',
            description: 'Some primary shards of {{ $labels.cluster }} are unassigned: part of the logs cannot be searched or written.',
            runbook: {
              symptoms: 'Searches return partial results; some indices reject writes.',
              investigation: ['`GET _cluster/allocation/explain` for the unassigned primaries.', 'Check for lost nodes and full disks.'],
              resolution: ['Bring lost nodes back; free disk; restore the index from a snapshot as a last resort.'],
            },
            tests: {
              fires: {
                series: [series('elasticsearch_cluster_health_status{cluster="logs",color="red",instance="elasticsearch-exporter:9114",job="elasticsearch-exporter"}', '1x20')],
                at: '10m',
                labels: { cluster: 'logs', color: 'red', instance: 'elasticsearch-exporter:9114', job: 'elasticsearch-exporter' },
                description: 'Some primary shards of logs are unassigned: part of the logs cannot be searched or written.',
              },
              quiet: { series: [series('elasticsearch_cluster_health_status{cluster="logs",color="red",instance="elasticsearch-exporter:9114",job="elasticsearch-exporter"}', '0x20')], at: '10m' },
            },
          }),
        ],
      },
    ],
  };
}
