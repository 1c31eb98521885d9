/**
 * Where alerts go (the guide's routing): critical → PagerDuty; team ml → the ML team; infrastructure
 * and DevOps → DevOps; component database → the database team; everything else → a default channel.
 * The Watchdog goes to a receiver of its own with no integration (point a heartbeat service at it).
 * Credentials are files in the mounted receivers Secret, never values in the configuration.
 */
import { IAlertRouting } from '../constructs/alertmanager';

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
}

/** File names of the credentials in the receivers Secret. */
export const PAGERDUTY_KEY_FILE = 'pagerduty-routing-key';
export function slackUrlFile(receiver: ChannelReceiver): string {
  return `slack-${receiver}-webhook-url`;
}

const SLACK_TITLE = '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.environment }})';
const SLACK_TEXT = '{{ range .Alerts }}*{{ .Annotations.summary }}*\n{{ .Annotations.description }}\nRunbook: {{ .Annotations.runbook_url }}\n{{ end }}';

export class AlertRouting implements IAlertRouting {
  private readonly props: Required<Omit<AlertRoutingProps, 'channels'>> & { channels: Record<ChannelReceiver, string> };

  constructor(props: AlertRoutingProps = {}) {
    this.props = {
      notify: props.notify ?? true,
      channels: { ...DEFAULT_CHANNELS, ...props.channels },
      groupBy: props.groupBy ?? ['alertname', 'environment', 'component'],
      groupWait: props.groupWait ?? '30s',
      groupInterval: props.groupInterval ?? '5m',
      repeatInterval: props.repeatInterval ?? '4h',
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
      // No integration: a heartbeat service (Dead Man's Snitch, healthchecks.io) is added here by users who run one.
      { name: 'watchdog' },
    ];
    const config = {
      route: {
        receiver: 'default',
        group_by: [...p.groupBy],
        group_wait: p.groupWait,
        group_interval: p.groupInterval,
        repeat_interval: p.repeatInterval,
        routes: [
          { receiver: 'watchdog', matchers: ['alertname="Watchdog"'], group_wait: '0s', repeat_interval: '5m' },
          // Pages, and goes on to the team's channel too.
          { receiver: 'pagerduty', matchers: ['severity="critical"'], continue: true },
          { receiver: 'database-team', matchers: ['component="database"'] },
          { receiver: 'ml-team', matchers: ['team="ml"'] },
          { receiver: 'devops', matchers: ['team=~"infrastructure|devops"'] },
        ],
      },
      inhibit_rules: [
        // A critical alert silences the warnings and notes of the same component on the same target
        // (DiskWillFillIn4Hours silences DiskWillFillIn24Hours). Alert names are unique, so matching on
        // alertname would never silence anything; the Watchdog must never be silenced.
        { source_matchers: ['severity="critical"'], target_matchers: ['severity=~"warning|info"', 'alertname!="Watchdog"'], equal: ['environment', 'component', 'instance'] },
        { source_matchers: ['severity="warning"'], target_matchers: ['severity="info"', 'alertname!="Watchdog"'], equal: ['environment', 'component', 'instance'] },
        // A fast SLO burn silences the slow burns of the same objective.
        { source_matchers: ['severity="critical"', 'slo=~".+"'], target_matchers: ['severity="warning"', 'slo=~".+"'], equal: ['environment', 'slo'] },
        // A named service-down alert says more than the generic TargetDown of its job.
        { source_matchers: ['alertname=~".+Down"', 'alertname!="TargetDown"'], target_matchers: ['alertname="TargetDown"'], equal: ['environment', 'job'] },
      ],
      receivers,
    };
    const secretFiles = p.notify
      ? [
          { key: PAGERDUTY_KEY_FILE, description: 'PagerDuty Events API v2 routing key (critical alerts)' },
          ...(Object.keys(DEFAULT_CHANNELS) as ChannelReceiver[]).map((r) => ({ key: slackUrlFile(r), description: `Slack incoming-webhook URL for ${p.channels[r]} (${r} receiver)` })),
        ]
      : [];
    return { config, secretFiles, externalEgress: p.notify ? [443] : [] };
  }
}
