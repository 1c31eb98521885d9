/** Security: unauthorized access and anomalous traffic on the application's API. */
import { RulesContext } from './context';
import { RuleFile, alert, factor, positive, series } from './model/rule';

export function securityRules(ctx: RulesContext): RuleFile {
  const job = ctx.applicationJob;
  const requests = (status: string, values: string) =>
    series(`http_requests_total{endpoint="/api/train",method="POST",status="${status}",instance="app:8000",job="${job}"}`, values);
  return {
    name: 'security',
    groups: [
      {
        name: 'security.alerts',
        rules: [
          alert({
            name: 'UnauthorizedRequestsHigh',
            expr: (t) => `sum by (job) (rate(http_requests_total{job="${job}",status=~"401|403"}[5m])) > ${t.perSecond}`,
            for: '5m',
            severity: 'warning',
            team: 'security',
            component: 'application',
            thresholds: { perSecond: positive(1) },
            summary: 'Many requests are refused as unauthorized',
            description: (t) => `{{ $value | printf "%.1f" }} requests per second get 401/403 (threshold ${t.perSecond}/s): credential stuffing, a scan or a broken client.`,
            runbook: {
              symptoms: 'A burst of 401/403 responses.',
              investigation: [
                'Find the endpoints and sources: Loki `{job="<app>"} | json | status=~"401|403"`, grouped by client address.',
                'Check whether a client\'s credentials expired or were rotated (one source, steady rate).',
                'Look for scanning patterns (many endpoints, many sources, short bursts).',
              ],
              resolution: ['Block the offending sources at the ingress.', 'Renew the broken client\'s credentials.', 'Rotate credentials that may have leaked.'],
            },
            tests: {
              fires: { series: [requests('401', '0+120x30'), requests('200', '0+60x30')], at: '20m', labels: { job }, description: '2.0 requests per second get 401/403 (threshold 1/s): credential stuffing, a scan or a broken client.' },
              quiet: { series: [requests('401', '0+10x30'), requests('200', '0+60x30')], at: '20m' },
            },
          }),
          alert({
            name: 'RequestRateAnomaly',
            // Far outside the last 6 hours' spread, and at least double their mean: a flat history
            // (zero spread) alone never fires.
            expr: (t) =>
              `(job:http_requests:rate5m{job="${job}"} - avg_over_time(job:http_requests:rate5m{job="${job}"}[6h])) / stddev_over_time(job:http_requests:rate5m{job="${job}"}[6h]) > ${t.zScore}` +
              ` and job:http_requests:rate5m{job="${job}"} > ${t.minFactor} * avg_over_time(job:http_requests:rate5m{job="${job}"}[6h])`,
            for: '10m',
            severity: 'warning',
            team: 'security',
            component: 'application',
            thresholds: { zScore: positive(3), minFactor: factor(2) },
            summary: 'Request rate is anomalous',
            description: (t) => `The request rate of {{ $labels.job }} is over ${t.zScore} standard deviations above its 6-hour mean and over ${t.minFactor}× that mean.`,
            runbook: {
              symptoms: 'Traffic far above its recent pattern: a flood, a scraper or a runaway client.',
              investigation: [
                'Find the endpoints and clients behind the surge (System Overview dashboard, Loki by client address).',
                'Check for a release or a batch job that explains it.',
                'Check the error rate and latency: is the surge hurting other users?',
              ],
              resolution: ['Rate-limit or block abusive sources.', 'Scale out if the traffic is legitimate.'],
            },
            tests: {
              fires: { series: [requests('200', '0+60x300 18600+600x60')], at: '320m', labels: { job }, description: `The request rate of ${job} is over 3 standard deviations above its 6-hour mean and over 2× that mean.` },
              quiet: { series: [requests('200', '0+60x360')], at: '320m' },
            },
          }),
        ],
      },
    ],
  };
}
