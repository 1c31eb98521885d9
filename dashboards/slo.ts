/**
 * Service level objectives and their error budgets, from the recording rules the alerts' SLO
 * construct writes (label `slo` names the objective). Burn rate is the error ratio over the budget
 * (1 - objective): 1 spends the budget exactly over 30 days; the page thresholds are 14.4 (1h) and
 * 6 (6h), the ticket thresholds 3 (1d) and 1 (3d).
 */
import { SLO_WINDOWS } from '../alerts/slo';
import { PROMETHEUS_DS, STACK_LINKS, STACK_TAG } from './common';
import { Dashboard, DashboardContext, gauge, promql, promVariable, stat, thresholds, timeseries } from './model';

/** The recorded series this dashboard reads: what the Slo construct records for each objective. */
export const SLO_RECORDED_SERIES: readonly string[] = [
  ...SLO_WINDOWS.map((w) => `slo:sli_error:ratio_rate${w}`),
  'slo:objective:ratio',
  'slo:error_budget_remaining:ratio',
];

const SLO = 'slo=~"$slo"';

function burnRate(window: string): string {
  return `slo:sli_error:ratio_rate${window}{${SLO}} / on (slo) group_left () (1 - slo:objective:ratio{${SLO}})`;
}

export function sloDashboard(context: DashboardContext): Dashboard {
  return {
    title: 'Service Level Objectives',
    description: 'Objectives, error ratios over each window, burn rates and the error budget left over 30 days.',
    tags: [STACK_TAG, 'slo'],
    requires: ['prometheus', context.applicationJob],
    requiresRecorded: SLO_RECORDED_SERIES,
    variables: [PROMETHEUS_DS, promVariable('slo', 'Objective', 'label_values(slo:objective:ratio, slo)')],
    links: STACK_LINKS,
    from: 'now-7d',
    rows: [
      {
        panels: [
          stat({ title: 'Objective', targets: [promql(`slo:objective:ratio{${SLO}}`, '{{slo}}')], unit: 'percentunit', decimals: 2, sparkline: false }),
          stat({ title: 'Success over 30 Days', targets: [promql(`1 - slo:sli_error:ratio_rate30d{${SLO}}`, '{{slo}}')], unit: 'percentunit', decimals: 3 }),
          gauge({
            title: 'Error Budget Remaining',
            targets: [promql(`slo:error_budget_remaining:ratio{${SLO}}`, '{{slo}}')],
            unit: 'percentunit',
            min: 0,
            max: 1,
            thresholds: thresholds('red', [0.1, 'orange'], [0.25, 'green']),
            height: 4,
          }),
          stat({
            title: 'Burn Rate (1h)',
            targets: [promql(burnRate('1h'), '{{slo}}')],
            decimals: 2,
            thresholds: thresholds('green', [1, 'orange'], [14.4, 'red']),
          }),
        ],
      },
      {
        title: 'Burn',
        panels: [
          timeseries({
            title: 'Burn Rate, Page Windows',
            description: 'Pages when both windows of a pair burn faster than the line: 14.4 over 1h and 5m, 6 over 6h and 30m.',
            targets: ['5m', '30m', '1h', '6h'].map((w) => promql(burnRate(w), `{{slo}} ${w}`)),
            thresholds: thresholds('green', [6, 'orange'], [14.4, 'red']),
          }),
          timeseries({
            title: 'Burn Rate, Ticket Windows',
            description: 'Opens a ticket when both windows of a pair burn faster than the line: 3 over 1d and 2h, 1 over 3d and 6h.',
            targets: ['2h', '1d', '3d'].map((w) => promql(burnRate(w), `{{slo}} ${w}`)),
            thresholds: thresholds('green', [1, 'orange'], [3, 'red']),
          }),
          timeseries({
            title: 'Error Ratio',
            targets: ['5m', '1h', '1d', '30d'].map((w) => promql(`slo:sli_error:ratio_rate${w}{${SLO}}`, `{{slo}} ${w}`)),
            unit: 'percentunit',
          }),
          timeseries({
            title: 'Error Budget Remaining over Time',
            targets: [promql(`slo:error_budget_remaining:ratio{${SLO}}`, '{{slo}}')],
            unit: 'percentunit',
            thresholds: thresholds('red', [0, 'orange'], [0.25, 'green']),
          }),
        ],
      },
    ],
  };
}
