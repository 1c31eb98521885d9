/**
 * The monitoring guide's three runbooks (poor model performance, agent communication, high resource
 * usage), shared by the alerts they apply to.
 */
import { Runbook } from './model/rule';

export const POOR_MODEL_PERFORMANCE: Runbook = {
  symptoms: 'Low episode rewards and high training loss.',
  investigation: [
    'Open the "Dynamic Graph Fed-RL - Training Metrics" dashboard and read the reward and loss trends.',
    'Check that the hyperparameters of the running job are the intended ones.',
    'Check the data-quality metrics of the training inputs.',
    'Review code changes deployed since rewards were last healthy.',
    'Look at GPU and memory use of the training nodes for starvation or throttling.',
  ],
  resolution: [
    'Adjust the learning rate or other hyperparameters.',
    'Add training data or improve its quality.',
    'Scale up resources if the run is starved.',
    'Roll back recent changes if they caused the regression.',
  ],
};

export const AGENT_COMMUNICATION: Runbook = {
  symptoms: 'High communication latency between agents, agents disconnecting.',
  investigation: [
    'Check network connectivity between the agents (and to their coordinator).',
    'Open the "Dynamic Graph Fed-RL - Federation Metrics" dashboard: active agents, latency, divergence, gossip rate.',
    'Review NetworkPolicies and firewall rules on the agents\' paths.',
    'Check CPU, memory and network use on the nodes the agents run on.',
    'Review infrastructure changes made since the problem began.',
  ],
  resolution: [
    'Restart the affected agents.',
    'Adjust communication timeouts.',
    'Scale network resources.',
    'Correct the network configuration.',
  ],
};

export const HIGH_RESOURCE_USAGE: Runbook = {
  symptoms: 'High CPU or memory alerts on a host.',
  investigation: [
    'Find the processes or containers using the resource (node and container dashboards, `top`, `kubectl top pods`).',
    'Look for memory leaks (steady growth) or CPU-bound loops.',
    'Review deployments made since usage rose.',
    'Compare resource requests and limits with what workloads really use.',
  ],
  resolution: [
    'Scale up resources.',
    'Optimize the code that uses them.',
    'Set resource limits on the workloads without them.',
    'Spread load across more nodes (load balancing).',
  ],
};
