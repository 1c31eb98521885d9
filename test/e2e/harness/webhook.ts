/**
 * The receivers' far ends: one HTTPS server that answers as Slack's incoming webhooks, PagerDuty's
 * Events API v2 and a heartbeat service's ping URL (Healthchecks.io's host), and records every delivery.
 * The namespace's hosts file sends those hosts to it; Alertmanager trusts its self-signed certificate
 * through SSL_CERT_FILE.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';

export const SLACK_HOST = 'hooks.slack.com';
export const PAGERDUTY_HOST = 'events.pagerduty.com';
export const HEARTBEAT_HOST = 'hc-ping.com';

export interface Delivery {
  /** The receiver of the routing tree that sent it. */
  readonly receiver: string;
  readonly integration: 'slack' | 'pagerduty' | 'webhook';
  readonly status: 'firing' | 'resolved';
  readonly alertname: string;
  readonly at: number;
}

/** A certificate for both hosts, valid for a day; returns the paths of the certificate and key. */
export function makeCertificate(dir: string): { cert: string; key: string } {
  fs.mkdirSync(dir, { recursive: true });
  const cert = path.join(dir, 'webhook.crt');
  const key = path.join(dir, 'webhook.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${SLACK_HOST}`, '-addext', `subjectAltName=DNS:${SLACK_HOST},DNS:${PAGERDUTY_HOST},DNS:${HEARTBEAT_HOST}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert, key };
}

/** The Slack URL the receiver's credential file holds. */
export function slackUrl(receiver: string): string {
  return `https://${SLACK_HOST}/services/e2e/${receiver}`;
}

/** Parses Alertmanager's Slack title, `[FIRING:2] RedisDown (e2e)` or `[RESOLVED] RedisDown (e2e)`. */
export function parseSlackTitle(title: string): { status: 'firing' | 'resolved'; alertname: string } | undefined {
  const m = /^\[(FIRING|RESOLVED)(?::[0-9]+)?\] (\S+)/.exec(title);
  return m ? { status: m[1] === 'FIRING' ? 'firing' : 'resolved', alertname: m[2] } : undefined;
}

export class Webhook {
  readonly deliveries: Delivery[] = [];
  /** Requests it could not read as a delivery, to fail the run with. */
  readonly unreadable: string[] = [];
  /** PagerDuty routing key → receiver, and dedup key → alert name (a resolve event has no summary). */
  private readonly pagerdutyKeys = new Map<string, string>();
  /** Heartbeat ping path (it carries the check's token) → receiver. */
  private readonly heartbeatPaths = new Map<string, string>();
  private readonly incidents = new Map<string, string>();
  private server?: https.Server;

  constructor(private readonly tls: { cert: string; key: string }) {}

  pagerdutyKey(receiver: string, key: string): void {
    this.pagerdutyKeys.set(key, receiver);
  }

  /** A heartbeat ping URL for the receiver, with a token of its own as a heartbeat service issues it. */
  heartbeatUrl(receiver: string, token: string): string {
    this.heartbeatPaths.set(`/${token}`, receiver);
    return `https://${HEARTBEAT_HOST}/${token}`;
  }

  async listen(host: string, port: number): Promise<void> {
    this.server = https.createServer({ cert: fs.readFileSync(this.tls.cert), key: fs.readFileSync(this.tls.key) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const ok = this.record(req.headers.host ?? '', req.url ?? '', body);
        res.writeHead(ok ? (req.headers.host?.startsWith(PAGERDUTY_HOST) ? 202 : 200) : 400, { 'content-type': 'application/json' });
        res.end(ok ? '{"status":"success"}' : '{"status":"unreadable"}');
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
  }

  async close(): Promise<void> {
    // Keep-alive connections would hold close() open until the client drops them.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private record(host: string, url: string, body: string): boolean {
    try {
      const json = JSON.parse(body);
      if (host.startsWith(SLACK_HOST)) {
        const receiver = /^\/services\/e2e\/([^/]+)$/.exec(url)?.[1];
        const parsed = parseSlackTitle(json.attachments?.[0]?.title ?? '');
        if (!receiver || !parsed) throw new Error('no receiver or title');
        this.deliveries.push({ receiver, integration: 'slack', ...parsed, at: Date.now() });
        return true;
      }
      if (host.startsWith(PAGERDUTY_HOST) && url === '/v2/enqueue') {
        const receiver = this.pagerdutyKeys.get(json.routing_key);
        if (!receiver) throw new Error('unknown routing key');
        const status = json.event_action === 'resolve' ? 'resolved' : 'firing';
        const fromSummary = /^(\S+):/.exec(json.payload?.summary ?? '')?.[1];
        if (fromSummary) this.incidents.set(json.dedup_key, fromSummary);
        const alertname = fromSummary ?? this.incidents.get(json.dedup_key);
        if (!alertname) throw new Error('no alert name in the summary and an unknown dedup_key');
        this.deliveries.push({ receiver, integration: 'pagerduty', status, alertname, at: Date.now() });
        return true;
      }
      if (host.startsWith(HEARTBEAT_HOST)) {
        // Alertmanager's webhook payload: the receiver that sent it, the group's status and alerts.
        const receiver = this.heartbeatPaths.get(url);
        if (!receiver) throw new Error('unknown heartbeat path');
        if (json.receiver !== receiver) throw new Error(`sent by receiver ${json.receiver}, not ${receiver}`);
        const names = [...new Set((json.alerts ?? []).map((a: { labels?: { alertname?: string } }) => a.labels?.alertname))];
        if (names.length !== 1 || typeof names[0] !== 'string') throw new Error(`not one alert name: ${names.join(', ')}`);
        this.deliveries.push({ receiver, integration: 'webhook', status: json.status === 'resolved' ? 'resolved' : 'firing', alertname: names[0], at: Date.now() });
        return true;
      }
      throw new Error('neither Slack, PagerDuty nor the heartbeat');
    } catch (err) {
      this.unreadable.push(`${host}${url}: ${(err as Error).message}: ${body.slice(0, 200)}`);
      return false;
    }
  }

  /** Deliveries of an alert (optionally to one receiver, in one status, after a time). */
  find(alertname: string, filter: { receiver?: string; status?: 'firing' | 'resolved'; after?: number } = {}): Delivery[] {
    return this.deliveries.filter(
      (d) => d.alertname === alertname && (filter.receiver === undefined || d.receiver === filter.receiver) && (filter.status === undefined || d.status === filter.status) && d.at >= (filter.after ?? 0),
    );
  }

  /** Deliveries per receiver, for the summary. */
  countsByReceiver(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const d of this.deliveries) counts.set(d.receiver, (counts.get(d.receiver) ?? 0) + 1);
    return counts;
  }
}
