/**
 * A stand-in for the Dynamic Graph Fed-RL application: an HTTP server exposing every family of the
 * application catalogue (constructs/catalogues/dynamic-graph-fed-rl.ts) with the catalogue's labels, with
 * request metrics at a realistic cardinality (10 endpoints for each of the agents: /agents/<id>/…) and the `le="0.2"` bucket the latency SLO reads. Its
 * values are healthy until the run changes them (fewer active agents, a share of 5xx responses).
 */
import * as http from 'node:http';

/** prometheus_client's default buckets plus the SLO's 0.2 s. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const REWARD_BUCKETS = [0.1, 0.25, 0.5, 0.75, 1];
const METHODS = ['GET', 'POST'];

interface Histogram {
  readonly buckets: readonly number[];
  counts: number[];
  sum: number;
  count: number;
}

const newHistogram = (buckets: readonly number[]): Histogram => ({ buckets, counts: buckets.map(() => 0), sum: 0, count: 0 });

function observe(h: Histogram, value: number, times = 1): void {
  h.buckets.forEach((le, i) => {
    if (value <= le) h.counts[i] += times;
  });
  h.sum += value * times;
  h.count += times;
}

function histogramLines(name: string, labels: string, h: Histogram): string[] {
  const sep = labels ? `${labels},` : '';
  return [
    ...h.buckets.map((le, i) => `${name}_bucket{${sep}le="${le}"} ${h.counts[i]}`),
    `${name}_bucket{${sep}le="+Inf"} ${h.count}`,
    `${name}_sum${labels ? `{${labels}}` : ''} ${h.sum}`,
    `${name}_count${labels ? `{${labels}}` : ''} ${h.count}`,
  ];
}

export interface ReferenceAppOptions {
  readonly agents?: number;
  readonly endpoints?: number;
}

export class ReferenceApp {
  readonly agents: number;
  readonly endpoints: string[];
  /** Agents taking part; lower it to partition the federation. */
  activeAgents: number;
  /** Share of requests answered 5xx. */
  errorRatio = 0;
  private server?: http.Server;
  private timer?: NodeJS.Timeout;
  private episodes = 0;
  private gossip = 0;
  private readonly reward = newHistogram(REWARD_BUCKETS);
  private readonly communication = newHistogram(LATENCY_BUCKETS);
  private readonly requests = new Map<string, { ok: number; errors: number; duration: Histogram }>();

  constructor(options: ReferenceAppOptions = {}) {
    this.agents = options.agents ?? 50;
    this.endpoints = Array.from({ length: options.endpoints ?? 10 }, (_, i) => `/api/v1/endpoint-${i}`);
    this.activeAgents = this.agents;
    // The catalogue's labels only (endpoint, method, status): each agent's endpoints are paths of their own.
    for (let a = 0; a < this.agents; a++) {
      for (const [i, endpoint] of this.endpoints.entries()) {
        this.requests.set(`endpoint="/agents/agent-${a}${endpoint}",method="${METHODS[i % METHODS.length]}"`, { ok: 0, errors: 0, duration: newHistogram(LATENCY_BUCKETS) });
      }
    }
  }

  /** One second of work: episodes, gossip, and one request per agent and endpoint. */
  tick(): void {
    this.episodes += this.activeAgents;
    this.gossip += 5 * this.activeAgents;
    observe(this.reward, 0.8, this.activeAgents);
    observe(this.communication, 0.03, this.activeAgents);
    for (const r of this.requests.values()) {
      r.errors += this.errorRatio;
      r.ok += 1 - this.errorRatio;
      // 98% fast, 2% between 0.2 s and 0.25 s: inside the latency objective of 95% within 0.2 s.
      observe(r.duration, 0.04, 0.98);
      observe(r.duration, 0.22, 0.02);
    }
  }

  exposition(): string {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family('training_episodes_total', 'counter', 'Training episodes completed');
    lines.push(`training_episodes_total ${this.episodes}`);
    family('training_episode_reward', 'histogram', 'Reward per episode');
    lines.push(...histogramLines('training_episode_reward', '', this.reward));
    family('training_loss', 'gauge', 'Current training loss');
    lines.push('training_loss 0.35');
    family('agent_reward', 'gauge', 'Current reward, by agent');
    for (let a = 0; a < this.agents; a++) lines.push(`agent_reward{agent_id="agent-${a}"} ${0.7 + (a % 10) / 50}`);
    family('model_parameters_count', 'gauge', 'Parameters of the model');
    lines.push('model_parameters_count 1250000');
    family('federation_active_agents', 'gauge', 'Federated agents active');
    lines.push(`federation_active_agents ${this.activeAgents}`);
    family('federation_total_agents', 'gauge', 'Federated agents expected');
    lines.push(`federation_total_agents ${this.agents}`);
    family('federation_communication_latency_seconds', 'histogram', 'Communication latency between agents');
    lines.push(...histogramLines('federation_communication_latency_seconds', '', this.communication));
    family('federation_parameter_divergence', 'gauge', 'Parameter divergence between agents');
    lines.push('federation_parameter_divergence 0.08');
    family('gossip_messages_sent_total', 'counter', 'Gossip messages sent');
    lines.push(`gossip_messages_sent_total ${this.gossip}`);
    family('gpu_utilization_percent', 'gauge', 'GPU utilisation seen by the process');
    lines.push('gpu_utilization_percent 62');
    family('memory_usage_bytes', 'gauge', 'Memory the process uses');
    lines.push(`memory_usage_bytes ${process.memoryUsage().rss}`);
    family('http_requests_total', 'counter', 'HTTP requests, by method, endpoint and status');
    for (const [labels, r] of this.requests) lines.push(`http_requests_total{${labels},status="200"} ${r.ok}`, `http_requests_total{${labels},status="500"} ${r.errors}`);
    family('http_request_duration_seconds', 'histogram', 'HTTP request duration, by method and endpoint');
    for (const [labels, r] of this.requests) lines.push(...histogramLines('http_request_duration_seconds', labels, r.duration));
    family('active_connections', 'gauge', 'Connections open');
    lines.push(`active_connections ${this.activeAgents * 2}`);
    return `${lines.join('\n')}\n`;
  }

  async listen(host: string, port: number): Promise<void> {
    this.server = http.createServer((req, res) => {
      if (req.url === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        res.end(this.exposition());
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    this.timer = setInterval(() => this.tick(), 1000);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    // Keep-alive connections would hold close() open until the client drops them.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
