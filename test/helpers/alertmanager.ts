/**
 * A real Alertmanager (Debian's prometheus-alertmanager) on loopback for tests: alerts go in through
 * its API and their state (active or suppressed, and by which alert) is read back from it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { requireTool } from './tools';
import { freePort, until } from './ports-and-waits';
import { stopChild } from './child-processes';

export type Labels = Readonly<Record<string, string>>;

/** An alert as `/api/v2/alerts` returns it. */
export interface ApiAlert {
  readonly fingerprint: string;
  readonly labels: Labels;
  readonly status: { readonly state: string; readonly inhibitedBy: readonly string[]; readonly silencedBy: readonly string[] };
}

/** Two label sets are the same alert. */
const sameLabels = (a: Labels, b: Labels) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

export class TestAlertmanager {
  private constructor(
    private readonly process: ChildProcess,
    readonly base: string,
    private readonly output: () => string,
  ) {}

  /** Starts Alertmanager on a free loopback port with `configFile`, keeping its data under `dataDir`. */
  static async start(configFile: string, dataDir: string): Promise<TestAlertmanager> {
    const binary = requireTool('prometheus-alertmanager');
    const port = await freePort();
    let log = '';
    const child = spawn(binary, [
      `--config.file=${configFile}`,
      `--storage.path=${path.join(dataDir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (d) => (log += d));
    const am = new TestAlertmanager(child, `http://127.0.0.1:${port}`, () => log);
    try {
      await until('Alertmanager to be ready', async () => (child.exitCode === null && (await fetch(`${am.base}/-/ready`)).ok ? true : undefined));
    } catch (e) {
      await am.stop();
      throw new Error(`${(e as Error).message}; Alertmanager said:\n${log}`);
    }
    return am;
  }

  async alerts(): Promise<ApiAlert[]> {
    const response = await fetch(`${this.base}/api/v2/alerts`);
    if (!response.ok) throw new Error(`GET /api/v2/alerts: ${response.status} ${await response.text()}`);
    return (await response.json()) as ApiAlert[];
  }

  private async post(alerts: readonly Labels[], startsAt: Date, endsAt: Date): Promise<void> {
    const body = alerts.map((labels) => ({ labels, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }));
    const response = await fetch(`${this.base}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status !== 200) throw new Error(`POST /api/v2/alerts: ${response.status} ${await response.text()}\n${this.output()}`);
  }

  /**
   * Fires the alerts and returns how Alertmanager sees each once its inhibitor has caught up (the
   * states stay the same for a second); then resolves them, so the next call starts from nothing.
   */
  async fire(alerts: readonly Labels[]): Promise<ApiAlert[]> {
    const startsAt = new Date();
    await this.post(alerts, startsAt, new Date(startsAt.getTime() + 3600_000));
    let last = '';
    let stableSince = 0;
    const seen = await until('the alerts to arrive and their states to settle', async () => {
      const got = await this.alerts();
      if (!alerts.every((labels) => got.some((a) => sameLabels(a.labels, labels)))) return undefined;
      // By state only: where several alerts inhibit one, Alertmanager may name a different one each time.
      const states = JSON.stringify(got.map((a) => [a.fingerprint, a.status.state]).sort());
      if (states !== last) {
        last = states;
        stableSince = Date.now();
        return undefined;
      }
      return Date.now() - stableSince >= 1000 ? got : undefined;
    });
    await this.post(alerts, startsAt, new Date());
    await until('the alerts to resolve', async () => ((await this.alerts()).length === 0 ? true : undefined));
    return seen;
  }

  /** Stops it and waits until it has exited, so its data directory can be removed. */
  stop(): Promise<void> {
    return stopChild(this.process);
  }
}

/** Which posted alert (by its labels) is suppressed, and by which alerts' names. */
export function inhibitionOf(seen: readonly ApiAlert[], labels: Labels): { state: string; by: string[] } {
  const alert = seen.find((a) => sameLabels(a.labels, labels));
  if (!alert) throw new Error(`Alertmanager does not have ${JSON.stringify(labels)}`);
  const nameOf = (fingerprint: string) => seen.find((a) => a.fingerprint === fingerprint)?.labels.alertname ?? fingerprint;
  return { state: alert.status.state, by: alert.status.inhibitedBy.map(nameOf) };
}
