/**
 * Service level objectives as code. An Slo turns an objective and an event-based SLI (bad events and
 * all events per second) into the recording rules of the SLO contract (slo:sli_error:ratio_rate<window>,
 * slo:objective:ratio, slo:error_budget_remaining:ratio, all labelled `slo`) and the SRE workbook's
 * multi-window, multi-burn-rate alerts. It replaces the guide's ErrorBudgetExhausted sketch, which
 * compared a 5-minute rate with twice the budget: too noisy to page on and too slow to notice a slow burn.
 *
 * Windows up to 6h are rates over the raw series. Longer ones (1d, 3d, 30d) are summed from the 5-minute
 * event rates this file records, as Sloth does for its 30-day window, so no rule reads days of raw series
 * at every evaluation. Sloth averages the 5-minute error ratios (every evaluation weighs the same, a quiet
 * night as much as a busy day, and one 0/0 makes the whole window NaN); summing bad and all events
 * separately weighs each event the same, which is what `rate()` over the long window meant.
 */
import { RulesContext } from './context';
import { AlertRule, RecordingRule, RuleFile, RuleGroup, Runbook, Severity, TestSeries, Thresholds, alert, positive, record, series } from './model/rule';

/** The windows the recording rules cover: every one a burn-rate alert reads, and 30 days for the budget. */
export const SLO_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'] as const;
export type SloWindow = (typeof SLO_WINDOWS)[number];

/** Windows up to this one are rates over the raw series; longer ones are summed from the 5-minute recordings. */
export const LONGEST_RAW_WINDOW: SloWindow = '6h';
/** The window of the event rates that the long windows are summed from. */
export const BASE_WINDOW: SloWindow = '5m';

/** Bad and all events per second over the base window, recorded per objective (label `slo`). */
export const SLO_ERROR_EVENTS = `slo:sli_error_events:rate${BASE_WINDOW}`;
export const SLO_EVENTS = `slo:sli_events:rate${BASE_WINDOW}`;

/** Whether a window's error ratio is summed from the base-window recordings rather than read from raw series. */
export function isDerivedWindow(window: SloWindow): boolean {
  return minutesOf(window) > minutesOf(LONGEST_RAW_WINDOW);
}

export interface BurnRateAlert {
  /** Suffix of the alert name, e.g. `Fast`. */
  readonly suffix: string;
  readonly burnRate: number;
  readonly longWindow: SloWindow;
  readonly shortWindow: SloWindow;
  readonly for: string;
  readonly severity: Severity;
}

/** The SRE workbook's table: 2% of a 30-day budget in an hour, 5% in 6 hours, 10% in a day and in 3 days. */
export const WORKBOOK_BURN_RATES: readonly BurnRateAlert[] = [
  { suffix: '1h', burnRate: 14.4, longWindow: '1h', shortWindow: '5m', for: '2m', severity: 'critical' },
  { suffix: '6h', burnRate: 6, longWindow: '6h', shortWindow: '30m', for: '15m', severity: 'critical' },
  { suffix: '1d', burnRate: 3, longWindow: '1d', shortWindow: '2h', for: '1h', severity: 'warning' },
  { suffix: '3d', burnRate: 1, longWindow: '3d', shortWindow: '6h', for: '3h', severity: 'warning' },
];

export interface SloProps {
  /** The `slo` label: `request-success`. */
  readonly name: string;
  /** Alert names start with it: `RequestSuccess` gives RequestSuccessErrorBudgetBurn1h, … */
  readonly alertPrefix: string;
  /** What is promised, for summaries: `99.9% of requests succeed`. */
  readonly promise: string;
  /** Fraction of good events promised, e.g. 0.999. */
  readonly objective: number;
  /**
   * PromQL for the bad events per second over a window, aggregated like `total` (usually `sum(rate(…[w]))`).
   * Where bad events may have no series yet (no 5xx counted since start), end with `or 0 * <total>` so the
   * ratio is 0 rather than absent; where their absence means the SLI cannot be measured, leave it absent.
   */
  readonly errors: (window: string) => string;
  /** PromQL for all events per second over a window, e.g. `sum(rate(http_requests_total{job="app"}[w]))`. */
  readonly total: (window: string) => string;
  readonly team: string;
  readonly component: string;
  readonly runbook: Runbook;
  /** Input series (1-minute samples) for promtool in which a fraction `bad` of the events is bad. */
  readonly testSeries: (bad: number, minutes: number) => TestSeries[];
  /** @default WORKBOOK_BURN_RATES */
  readonly burnRates?: readonly BurnRateAlert[];
  /** Alerts that guard the SLI itself (its inputs missing), evaluated with the objective's rules. @default none */
  readonly guards?: readonly AlertRule<Thresholds>[];
}

export class Slo {
  constructor(readonly props: SloProps) {
    if (typeof props.errors !== 'function' || typeof props.total !== 'function') {
      throw new Error(`Slo ${props.name}: give errors(window) and total(window), the bad and all events per second (an error ratio alone cannot be summed over long windows)`);
    }
    if (!(props.objective > 0 && props.objective < 1)) throw new Error(`Slo ${props.name}: objective must be between 0 and 1 (exclusive), got ${props.objective}`);
    const budget = 1 - props.objective;
    for (const b of this.burnRates) {
      if (b.burnRate * budget >= 1) throw new Error(`Slo ${props.name}: burn rate ${b.burnRate}× of a ${budget} budget can never be reached`);
    }
  }

  get burnRates(): readonly BurnRateAlert[] {
    return this.props.burnRates ?? WORKBOOK_BURN_RATES;
  }

  private get selector(): string {
    return `{slo="${this.props.name}"}`;
  }

  /** The error ratio over a window from the raw series: bad events over all events. */
  private rawErrorRatio(window: string): string {
    return `(${this.props.errors(window)}) / (${this.props.total(window)})`;
  }

  recordingRules(): RecordingRule[] {
    const p = this.props;
    const labels = { slo: p.name };
    const errorEvents = `${SLO_ERROR_EVENTS}${this.selector}`;
    const events = `${SLO_EVENTS}${this.selector}`;
    const ratio = (w: SloWindow): string => {
      if (w === BASE_WINDOW) return `${errorEvents} / ${events}`;
      if (!isDerivedWindow(w)) return this.rawErrorRatio(w);
      // Each 5-minute rate is a sample of the events per second; their sums over the window weigh every
      // event the same, as rate() over the window would, from two series instead of every raw one.
      return `sum_over_time(${errorEvents}[${w}]) / sum_over_time(${events}[${w}])`;
    };
    return [
      record(SLO_ERROR_EVENTS, p.errors(BASE_WINDOW), { labels }),
      record(SLO_EVENTS, p.total(BASE_WINDOW), { labels }),
      ...SLO_WINDOWS.map((w) => record(`slo:sli_error:ratio_rate${w}`, ratio(w), { labels })),
      record('slo:objective:ratio', `vector(${p.objective})`, { labels }),
      record('slo:error_budget_remaining:ratio', `1 - slo:sli_error:ratio_rate30d${this.selector} / (1 - ${p.objective})`, { labels }),
    ];
  }

  alerts(): AlertRule<Thresholds>[] {
    const p = this.props;
    const budget = 1 - p.objective;
    return this.burnRates.map((b) => {
      const name = `${p.alertPrefix}ErrorBudgetBurn${b.suffix}`;
      // A constant error ratio: the ratio of two rates is the same over any window the data covers, so
      // the pending period plus a margin is enough. Fire at 1.5× the threshold, stay quiet at half of it.
      const minutes = minutesOf(b.for) + 30;
      const at = `${minutes}m`;
      const percentOfBudget = (rate: number) => Math.round((rate * minutesOf(b.longWindow)) / minutesOf('30d') * 100);
      return alert({
        name,
        expr: (t) =>
          `slo:sli_error:ratio_rate${b.longWindow}${this.selector} > (${t.burnRate} * ${round(budget)}) and slo:sli_error:ratio_rate${b.shortWindow}${this.selector} > (${t.burnRate} * ${round(budget)})`,
        for: b.for,
        severity: b.severity,
        team: p.team,
        component: p.component,
        labels: { slo: p.name, long_window: b.longWindow, short_window: b.shortWindow },
        thresholds: { burnRate: positive(b.burnRate) },
        summary: (t) => `The ${p.name} error budget burns ${t.burnRate}× too fast`,
        description: (t) =>
          `Over the last ${b.longWindow} and ${b.shortWindow}, errors consume the budget of "${p.promise}" ${t.burnRate} times faster than it allows` +
          ` (about ${percentOfBudget(t.burnRate)}% of the 30-day budget per ${b.longWindow}).`,
        runbook: p.runbook,
        tests: {
          fires: { series: p.testSeries(Math.min(b.burnRate * budget * 1.5, 0.99), minutes + 5), at, labels: {} },
          quiet: { series: p.testSeries(b.burnRate * budget * 0.5, minutes + 5), at },
        },
      });
    });
  }

  group(): RuleGroup {
    return { name: `slo.${this.props.name}`, rules: [...this.recordingRules(), ...this.alerts(), ...(this.props.guards ?? [])] };
  }
}

function round(n: number): number {
  return Number(n.toPrecision(12));
}

export function minutesOf(duration: string): number {
  const m = /^(\d+)([mhd])$/.exec(duration);
  if (!m) throw new Error(`unsupported duration "${duration}"`);
  return Number(m[1]) * { m: 1, h: 60, d: 1440 }[m[2] as 'm' | 'h' | 'd'];
}

/** Counter samples growing by `perMinute` each minute, in promtool notation. */
function counter(perMinute: number, minutes: number): string {
  return `0+${round(perMinute)}x${minutes}`;
}

const SLO_RUNBOOK: Runbook = {
  symptoms: 'Users see errors or slow responses at a rate that will exhaust the error budget before the 30-day window ends.',
  investigation: [
    'Open the SLO dashboard: which windows burn, since when, how much budget is left.',
    'Open the "System Overview" dashboard to find the endpoints and status codes behind the burn.',
    'Check recent deployments and the health of dependencies (Redis, Postgres, agents).',
  ],
  resolution: [
    'Roll back the change that started the burn, or fail over the broken dependency.',
    'Fast burns (1h, 6h) page: act now. Slow burns (1d, 3d) open a ticket: fix within working hours.',
    'When the budget is spent, freeze risky releases until it recovers.',
  ],
};

/** The guide's SLOs: 99.9% of requests succeed; 95% of requests finish within 200 ms. */
export function guideSlos(ctx: RulesContext): Slo[] {
  const job = ctx.applicationJob;
  const target = `endpoint="/api/train",method="GET",instance="app:8000",job="${job}"`;
  const total = 100;
  return [
    new Slo({
      name: 'request-success',
      alertPrefix: 'RequestSuccess',
      promise: '99.9% of requests succeed',
      objective: 0.999,
      // No 5xx series exists until the first server error: then no request failed.
      errors: (w) => `sum(rate(http_requests_total{job="${job}",status=~"5.."}[${w}])) or 0 * sum(rate(http_requests_total{job="${job}"}[${w}]))`,
      total: (w) => `sum(rate(http_requests_total{job="${job}"}[${w}]))`,
      team: 'ml',
      component: 'application',
      runbook: SLO_RUNBOOK,
      testSeries: (bad, minutes) => [
        series(`http_requests_total{${target},status="500"}`, counter(total * bad, minutes)),
        series(`http_requests_total{${target},status="200"}`, counter(total * (1 - bad), minutes)),
      ],
    }),
    new Slo({
      name: 'request-latency',
      alertPrefix: 'RequestLatency',
      promise: '95% of requests finish within 200 ms',
      objective: 0.95,
      // Requests slower than 200 ms: everything minus the le="0.2" bucket. The application must declare a
      // 0.2 s bucket boundary (prometheus_client's default buckets jump from 0.1 to 0.25).
      // Without the bucket the SLI is absent (and RequestLatencySliMissing fires), never a perfect 0.
      errors: (w) =>
        `sum(rate(http_request_duration_seconds_count{job="${job}"}[${w}])) - sum(rate(http_request_duration_seconds_bucket{job="${job}",le="0.2"}[${w}]))`,
      total: (w) => `sum(rate(http_request_duration_seconds_count{job="${job}"}[${w}]))`,
      team: 'ml',
      component: 'application',
      runbook: SLO_RUNBOOK,
      guards: [latencyBucketMissing(job, target)],
      testSeries: (bad, minutes) => [
        series(`http_request_duration_seconds_bucket{${target},le="0.2"}`, counter(total * (1 - bad), minutes)),
        series(`http_request_duration_seconds_bucket{${target},le="+Inf"}`, counter(total, minutes)),
        series(`http_request_duration_seconds_count{${target}}`, counter(total, minutes)),
      ],
    }),
  ];
}

/**
 * Without a 0.2 s bucket boundary the latency SLI is empty and its burn-rate alerts can never fire;
 * this says so instead of staying silent.
 */
function latencyBucketMissing(job: string, target: string): AlertRule<Thresholds> {
  const count = (values: string) => series(`http_request_duration_seconds_count{${target}}`, values);
  const bucket = (le: string, values: string) => series(`http_request_duration_seconds_bucket{${target},le="${le}"}`, values);
  return alert({
    name: 'RequestLatencySliMissing',
    expr: () =>
      `sum by (job) (rate(http_request_duration_seconds_count{job="${job}"}[10m])) > 0 unless on (job) sum by (job) (rate(http_request_duration_seconds_bucket{job="${job}",le="0.2"}[10m]))`,
    for: '30m',
    severity: 'warning',
    team: 'ml',
    component: 'application',
    labels: { slo: 'request-latency' },
    thresholds: {},
    summary: 'The latency SLO cannot be measured',
    description: `{{ $labels.job }} serves requests but its http_request_duration_seconds histogram has no le="0.2" bucket, so the 200 ms latency objective and its alerts see nothing.`,
    runbook: {
      symptoms: 'The SLO dashboard shows no latency data; latency burn-rate alerts never fire.',
      investigation: ['Look at the application\'s /metrics: which `le` values does http_request_duration_seconds_bucket have?'],
      resolution: ['Declare the histogram with a 0.2 s boundary, e.g. `Histogram(..., buckets=(.005, .01, .025, .05, .1, .2, .25, .5, 1, 2.5, 5, 10))`, and redeploy.'],
    },
    tests: {
      fires: {
        series: [count('0+10x60'), bucket('0.1', '0+5x60'), bucket('0.25', '0+10x60'), bucket('+Inf', '0+10x60')],
        at: '50m',
        labels: { job },
        description: `${job} serves requests but its http_request_duration_seconds histogram has no le="0.2" bucket, so the 200 ms latency objective and its alerts see nothing.`,
      },
      quiet: { series: [count('0+10x60'), bucket('0.2', '0+9x60'), bucket('+Inf', '0+10x60')], at: '50m' },
    },
  });
}

export function sloRules(ctx: RulesContext, slos: readonly Slo[] = guideSlos(ctx)): RuleFile {
  return { name: 'slo', groups: slos.map((s) => s.group()) };
}
