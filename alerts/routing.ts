/**
 * Where alerts go (the guide's routing): critical → PagerDuty; team ml → the ML team; infrastructure
 * and DevOps → DevOps; component database → the database team; everything else → a default channel.
 * The Watchdog goes to a receiver of its own: a dead man's switch when `heartbeat` is set (the always-firing
 * alert posted to a heartbeat URL at a steady interval; the service raises the alarm when it stops), else
 * no integration.
 * Inhibition silences an alert only while an alert of the same problem fires (`inhibitRules`).
 * Credentials are files in the mounted receivers Secret, never values in the configuration.
 */
import { IAlertRouting } from '../constructs/alertmanager';
import { WORKBOOK_BURN_RATES } from './slo';

/** The receivers of the routing tree. */
export const RECEIVERS = ['default', 'pagerduty', 'ml-team', 'devops', 'database-team', 'watchdog'] as const;
export type ReceiverName = (typeof RECEIVERS)[number];

/** Team receivers notified in Slack, and the channel each posts to by default. */
export const DEFAULT_CHANNELS = Object.freeze({
  default: '#monitoring-alerts',
  'ml-team': '#ml-alerts',
  devops: '#devops-alerts',
  'database-team': '#database-alerts',
});
export type ChannelReceiver = keyof typeof DEFAULT_CHANNELS;

export interface AlertRoutingProps {
  /**
   * Send notifications. When false every receiver exists but has no integration: the tree, grouping
   * and inhibition work (and can be inspected in Alertmanager's UI), nobody is notified, no credential is read.
   * @default true
   */
  readonly notify?: boolean;
  /** Slack channel per team receiver. @default DEFAULT_CHANNELS */
  readonly channels?: Partial<Record<ChannelReceiver, string>>;
  /** @default ['alertname', 'environment', 'component'] */
  readonly groupBy?: readonly string[];
  /** @default '30s' */
  readonly groupWait?: string;
  /** @default '5m' */
  readonly groupInterval?: string;
  /** @default '4h' */
  readonly repeatInterval?: string;
  /**
   * The long windows of the SLO burn-rate alerts there are (their `long_window` label), asked for when
   * the configuration renders: a burn silences the burns of its SLO over longer windows.
   * @default the long windows of WORKBOOK_BURN_RATES
   */
  readonly sloLongWindows?: () => readonly string[];
  /**
   * The Watchdog posted to a heartbeat URL (Healthchecks.io, Dead Man's Snitch, any service that raises an
   * alarm when pings stop) every `interval`: the URL carries the service's token, so it is a credential
   * file. Independent of `notify`. Undefined: the Watchdog's receiver has no integration.
   */
  readonly heartbeat?: HeartbeatProps;
}

export interface HeartbeatProps {
  /** How often the heartbeat is pinged (the Watchdog route's repeat_interval). @default '5m' */
  readonly interval?: string;
}

/** The default heartbeat period; set the service's period to it and a grace of at least a quarter of it. */
export const DEFAULT_HEARTBEAT_INTERVAL = '5m';

/** File names of the credentials in the receivers Secret. */
export const PAGERDUTY_KEY_FILE = 'pagerduty-routing-key';
export const HEARTBEAT_URL_FILE = 'watchdog-heartbeat-url';
export function slackUrlFile(receiver: ChannelReceiver): string {
  return `slack-${receiver}-webhook-url`;
}

const SLACK_TITLE = '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.environment }})';
const SLACK_TEXT = '{{ range .Alerts }}*{{ .Annotations.summary }}*\n{{ .Annotations.description }}\nRunbook: {{ .Annotations.runbook_url }}\n{{ end }}';

/** Labels that name what an alert is about: a scrape target, or (for aggregate alerts) an objective. */
const ON_A_TARGET = 'instance=~".+"';
const OF_AN_SLO = 'slo=~".+"';
/** Same team too: a security alert is never silenced by an availability alert of the same component. */
const SAME_TARGET = ['environment', 'team', 'component', 'instance'];

const UNIT_MS: Readonly<Record<string, number>> = { y: 31_536_000_000, w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** A Prometheus duration (`1h`, `1d12h`) in milliseconds, to order burn windows. */
function durationMs(window: string): number {
  const parts = [...window.matchAll(/(\d+)(ms|[ywdhms])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== window) throw new Error(`an SLO alert's long_window "${window}" is not a Prometheus duration`);
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]], 0);
}

/**
 * The Watchdog route when a heartbeat is pinged. Alertmanager re-sends an unchanged group at the first
 * group_interval tick after repeat_interval has passed, so the ticks come at a quarter of the interval:
 * pings are `interval` to 1¼ `interval` apart. Nothing is sent on resolve: a Watchdog that resolves
 * because Prometheus stopped must not ping the switch.
 */
function heartbeatRoute(interval: string): { group_interval: string; repeat_interval: string } {
  const ms = durationMs(interval);
  return { group_interval: `${Math.max(1, Math.floor(ms / 4000))}s`, repeat_interval: interval };
}

/**
 * Inhibitions that silence only the same problem. Alertmanager's `equal` takes a label missing on both
 * alerts as equal, so every rule that compares targets first requires the target label on both sides:
 * otherwise any aggregate alert (no `instance`) would silence every other aggregate of its component.
 */
export function inhibitRules(sloLongWindows: readonly string[]): object[] {
  const lowerSeverity = [
    { source: 'critical', targets: 'severity=~"warning|info"' },
    { source: 'warning', targets: 'severity="info"' },
  ];
  // From fast to slow burn: the shorter an alert's long window, the faster the budget goes.
  const windows = [...new Set(sloLongWindows)].map((window) => ({ window, ms: durationMs(window) })).sort((a, b) => a.ms - b.ms);
  return [
    // A higher severity silences the lower ones of the same component on the same target
    // (DiskWillFillIn4Hours silences DiskWillFillIn24Hours of that node, PostgresDown the
    // connection warning of that database). The Watchdog must never be silenced.
    ...lowerSeverity.map(({ source, targets }) => ({
      source_matchers: [`severity="${source}"`, ON_A_TARGET],
      target_matchers: [targets, ON_A_TARGET, 'alertname!="Watchdog"'],
      equal: SAME_TARGET,
    })),
    // Aggregate alerts have no target: an SLO burn silences only the slower burns of its own
    // objective, whatever their severity (the 1h page silences the 6h page and the tickets).
    ...windows.flatMap(({ window, ms }) => {
      const slower = windows.filter((w) => w.ms > ms).map((w) => w.window);
      if (slower.length === 0) return [];
      return [{ source_matchers: [OF_AN_SLO, `long_window="${window}"`], target_matchers: [OF_AN_SLO, `long_window=~"${slower.join('|')}"`], equal: ['environment', 'slo'] }];
    }),
    // A named service-down alert says more than the generic TargetDown of its job.
    { source_matchers: ['alertname=~".+Down"', 'alertname!="TargetDown"'], target_matchers: ['alertname="TargetDown"'], equal: ['environment', 'job'] },
  ];
}

export class AlertRouting implements IAlertRouting {
  private readonly props: Required<Omit<AlertRoutingProps, 'channels' | 'heartbeat'>> & { channels: Record<ChannelReceiver, string>; heartbeat?: { interval: string } };

  constructor(props: AlertRoutingProps = {}) {
    this.props = {
      notify: props.notify ?? true,
      channels: { ...DEFAULT_CHANNELS, ...props.channels },
      groupBy: props.groupBy ?? ['alertname', 'environment', 'component'],
      groupWait: props.groupWait ?? '30s',
      groupInterval: props.groupInterval ?? '5m',
      repeatInterval: props.repeatInterval ?? '4h',
      sloLongWindows: props.sloLongWindows ?? (() => WORKBOOK_BURN_RATES.map((b) => b.longWindow)),
      heartbeat: props.heartbeat ? { interval: props.heartbeat.interval ?? DEFAULT_HEARTBEAT_INTERVAL } : undefined,
    };
  }

  render(secretsDir: string) {
    const p = this.props;
    const file = (name: string) => `${secretsDir}/${name}`;
    const slack = (receiver: ChannelReceiver) =>
      p.notify
        ? { slack_configs: [{ api_url_file: file(slackUrlFile(receiver)), channel: p.channels[receiver], send_resolved: true, title: SLACK_TITLE, text: SLACK_TEXT }] }
        : {};
    const receivers = [
      { name: 'default', ...slack('default') },
      {
        name: 'pagerduty',
        ...(p.notify
          ? { pagerduty_configs: [{ routing_key_file: file(PAGERDUTY_KEY_FILE), send_resolved: true, description: '{{ .CommonLabels.alertname }}: {{ .CommonAnnotations.summary }}' }] }
          : {}),
      },
      { name: 'ml-team', ...slack('ml-team') },
      { name: 'devops', ...slack('devops') },
      { name: 'database-team', ...slack('database-team') },
      // The dead man's switch, or no integration (the Watchdog is then only seen in Alertmanager).
      { name: 'watchdog', ...(p.heartbeat ? { webhook_configs: [{ url_file: file(HEARTBEAT_URL_FILE), send_resolved: false }] } : {}) },
    ];
    const config = {
      route: {
        receiver: 'default',
        group_by: [...p.groupBy],
        group_wait: p.groupWait,
        group_interval: p.groupInterval,
        repeat_interval: p.repeatInterval,
        routes: [
          { receiver: 'watchdog', matchers: ['alertname="Watchdog"'], group_wait: '0s', ...(p.heartbeat ? heartbeatRoute(p.heartbeat.interval) : { repeat_interval: '5m' }) },
          // Pages, and goes on to the team's channel too.
          { receiver: 'pagerduty', matchers: ['severity="critical"'], continue: true },
          { receiver: 'database-team', matchers: ['component="database"'] },
          { receiver: 'ml-team', matchers: ['team="ml"'] },
          { receiver: 'devops', matchers: ['team=~"infrastructure|devops"'] },
        ],
      },
      inhibit_rules: inhibitRules(p.sloLongWindows()),
      receivers,
    };
    const secretFiles = [
      ...(p.notify
        ? [
            { key: PAGERDUTY_KEY_FILE, description: 'PagerDuty Events API v2 routing key (critical alerts)' },
            ...(Object.keys(DEFAULT_CHANNELS) as ChannelReceiver[]).map((r) => ({ key: slackUrlFile(r), description: `Slack incoming-webhook URL for ${p.channels[r]} (${r} receiver)` })),
          ]
        : []),
      ...(p.heartbeat
        ? [{ key: HEARTBEAT_URL_FILE, description: `Heartbeat URL the Watchdog is posted to every ${p.heartbeat.interval} (dead man's switch: Healthchecks.io, Dead Man's Snitch)` }]
        : []),
    ];
    return { config, secretFiles, externalEgress: p.notify || p.heartbeat ? [443] : [] };
  }
}
