/**
 * The application's metrics, as the monitoring guide defines them with prometheus_client (Python):
 * its "Application Metrics" and "Custom Metrics Example" code, plus the two names its dashboards and
 * alerts read without defining (`gossip_messages_sent_total`, `federation_total_agents`). A Python
 * Counter named `x_total` exposes `x_total`; a Histogram exposes `_bucket`, `_sum` and `_count` only.
 */
import { counter, gauge, histogram, MetricFamily } from '../metrics';

export const APPLICATION_METRICS: readonly MetricFamily[] = [
  // Training
  counter('training_episodes_total', [], 'Training episodes completed'),
  histogram('training_episode_reward', [], 'Reward per episode'),
  gauge('training_loss', [], 'Current training loss'),
  gauge('agent_reward', ['agent_id'], 'Current reward, by agent_id'),
  gauge('model_parameters_count', [], 'Parameters of the model'),
  // Federation
  gauge('federation_active_agents', [], 'Federated agents active'),
  gauge('federation_total_agents', [], 'Federated agents expected (read by the guide\'s AgentNetworkPartition)'),
  histogram('federation_communication_latency_seconds', [], 'Communication latency between agents'),
  gauge('federation_parameter_divergence', [], 'Parameter divergence between agents'),
  counter('gossip_messages_sent_total', [], 'Gossip messages sent (read by the guide\'s federation dashboard)'),
  // System, as the application sees it
  gauge('gpu_utilization_percent', [], 'GPU utilisation seen by the process (%)'),
  gauge('memory_usage_bytes', [], 'Memory the process uses'),
  // Requests
  counter('http_requests_total', ['endpoint', 'method', 'status'], 'HTTP requests, by method, endpoint and status'),
  histogram('http_request_duration_seconds', ['endpoint', 'method'], 'HTTP request duration, by method and endpoint'),
  gauge('active_connections', [], 'Connections open'),
];
