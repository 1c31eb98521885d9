/** Application performance: availability, latency and error rate of the Dynamic Graph Fed-RL API. */
import { RulesContext } from './context';
import { RuleFile, alert, percent, positive, record, series } from './model/rule';

export function applicationRules(ctx: RulesContext): RuleFile {
  const job = ctx.applicationJob;
  const target = `instance="app:8000",job="${job}"`;
  const requests = (status: string, values: string) => series(`http_requests_total{endpoint="/api/train",method="GET",status="${status}",${target}}`, values);
  const bucket = (le: string, values: string) => series(`http_request_duration_seconds_bucket{endpoint="/api/train",method="GET",le="${le}",${target}}`, values);
  return {
    name: 'application',
    groups: [
      {
        name: 'application.records',
        rules: [
          record('job:http_requests:rate5m', `sum by (job) (rate(http_requests_total{job="${job}"}[5m]))`),
          record(
            'job:http_request_errors:ratio_rate5m',
            `sum by (job) (rate(http_requests_total{job="${job}",status=~"5.."}[5m])) / sum by (job) (rate(http_requests_total{job="${job}"}[5m]))`,
          ),
          record(
            'job:http_request_duration_seconds:histogram_quantile',
            `histogram_quantile(0.95, sum by (job, le) (rate(http_request_duration_seconds_bucket{job="${job}"}[5m])))`,
            { labels: { quantile: '0.95' } },
          ),
        ],
      },
      {
        name: 'application.alerts',
        rules: [
          alert({
            name: 'ApplicationDown',
            expr: () => `up{job="${job}"} == 0`,
            for: '5m',
            severity: 'critical',
            team: 'ml',
            component: 'application',
            thresholds: {},
            summary: 'The application does not answer scrapes',
            description: `Prometheus cannot scrape ${job} at {{ $labels.instance }}.`,
            runbook: {
              symptoms: 'The application\'s metrics endpoint is unreachable: the process is down, crash-looping or cut off from Prometheus.',
              investigation: [
                'Check the pods or containers of the application (`kubectl get pods -l app.kubernetes.io/name=<app>`, `docker ps`).',
                'Read the last logs of the application in Grafana (Loki) for crashes.',
                'Check that a NetworkPolicy or firewall change has not cut Prometheus off.',
              ],
              resolution: ['Restart or roll back the application.', 'Restore the network path from Prometheus to the application.'],
            },
            tests: {
              fires: { series: [series(`up{${target}}`, '0x20')], at: '10m', labels: { instance: 'app:8000', job }, description: `Prometheus cannot scrape ${job} at app:8000.` },
              quiet: { series: [series(`up{${target}}`, '1x20')], at: '10m' },
            },
          }),
          alert({
            name: 'HighRequestLatency',
            expr: (t) => `job:http_request_duration_seconds:histogram_quantile{quantile="0.95",job="${job}"} > ${t.p95Seconds}`,
            for: '10m',
            severity: 'warning',
            team: 'ml',
            component: 'application',
            thresholds: { p95Seconds: positive(0.5) },
            summary: 'Requests are slow',
            description: (t) => `95th percentile request latency is {{ $value | printf "%.2f" }}s (threshold ${t.p95Seconds}s).`,
            runbook: {
              symptoms: 'API responses are slow; clients time out.',
              investigation: [
                'Open the "Dynamic Graph Fed-RL - System Overview" dashboard: which endpoints are slow, since when.',
                'Look at traces of slow requests in Jaeger.',
                'Check CPU, memory and GPU saturation of the application\'s nodes, and Redis/Postgres latency.',
              ],
              resolution: ['Scale out the application.', 'Roll back a change that made requests slower.', 'Relieve the saturated dependency.'],
            },
            tests: {
              fires: {
                series: [bucket('0.25', '0+1x40'), bucket('1', '0+10x40'), bucket('+Inf', '0+10x40')],
                at: '30m',
                labels: { job, quantile: '0.95' },
                description: '95th percentile request latency is 0.96s (threshold 0.5s).',
              },
              quiet: { series: [bucket('0.25', '0+10x40'), bucket('1', '0+10x40'), bucket('+Inf', '0+10x40')], at: '30m' },
            },
          }),
          alert({
            name: 'HighErrorRate',
            expr: (t) => `job:http_request_errors:ratio_rate5m{job="${job}"} * 100 > ${t.errorPercent}`,
            for: '5m',
            severity: 'warning',
            team: 'ml',
            component: 'application',
            thresholds: { errorPercent: percent(5) },
            summary: 'Many requests fail',
            description: (t) => `{{ $value | printf "%.1f" }}% of requests fail with a 5xx status (threshold ${t.errorPercent}%).`,
            runbook: {
              symptoms: 'Clients receive 5xx responses.',
              investigation: [
                'Find the failing endpoints on the "System Overview" dashboard\'s error-rate panel.',
                'Read the application\'s error logs (Loki: `{job="<app>"} | json | level="error"`).',
                'Check the dependencies the failing endpoints use (Redis, Postgres, agents).',
              ],
              resolution: ['Roll back the change that introduced the errors.', 'Restore the failing dependency.'],
            },
            tests: {
              fires: { series: [requests('500', '0+1x30'), requests('200', '0+9x30')], at: '20m', labels: { job }, description: '10.0% of requests fail with a 5xx status (threshold 5%).' },
              quiet: { series: [requests('500', '0+0x30'), requests('200', '0+9x30')], at: '20m' },
            },
          }),
        ],
      },
    ],
  };
}
