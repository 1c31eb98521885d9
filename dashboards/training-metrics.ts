/**
 * The guide's "Dynamic Graph Fed-RL - Training Metrics". Departures: `training_episode_reward` is a
 * histogram, so it has no series under its bare name — the panel shows the mean reward per episode
 * (sum over count) and its median; the GPU panel reads DCGM's `DCGM_FI_DEV_GPU_UTIL` (the exporter the
 * stack runs) instead of the retired nvidia_gpu_exporter's `nvidia_gpu_utilization_gpu`, and the
 * application's own `gpu_utilization_percent` where no GPU exporter runs.
 */
import { appSelector, instanceVariable, PROMETHEUS_DS, STACK_LINKS, STACK_TAG } from './common';
import { Dashboard, DashboardContext, promql, promVariable, RATE, stat, timeseries } from './model';

export const TRAINING_TITLE = 'Dynamic Graph Fed-RL - Training Metrics';

export function trainingMetrics(context: DashboardContext): Dashboard {
  const sel = appSelector(context);
  const hasGpuExporter = context.jobs.has('gpu-exporter');
  return {
    title: TRAINING_TITLE,
    description: 'Is training progressing: episodes, rewards per agent, loss, and the GPUs doing the work.',
    tags: [STACK_TAG, 'training'],
    requires: [context.applicationJob],
    variables: [
      PROMETHEUS_DS,
      instanceVariable(context.applicationJob),
      promVariable('agent_id', 'Agent', `label_values(agent_reward{job="${context.applicationJob}"}, agent_id)`),
    ],
    links: STACK_LINKS,
    rows: [
      {
        panels: [
          stat({ title: 'Episodes (total)', targets: [promql(`sum(training_episodes_total{${sel}})`, 'episodes')] }),
          stat({ title: 'Current Loss', targets: [promql(`avg(training_loss{${sel}})`, 'loss')], decimals: 4 }),
          stat({ title: 'Model Parameters', targets: [promql(`max(model_parameters_count{${sel}})`, 'parameters')] }),
          stat({
            title: 'Mean Reward (1h)',
            targets: [promql(`sum(increase(training_episode_reward_sum{${sel}}[1h])) / sum(increase(training_episode_reward_count{${sel}}[1h]))`, 'reward')],
            decimals: 3,
          }),
        ],
      },
      {
        title: 'Training',
        panels: [
          timeseries({
            title: 'Training Progress',
            targets: [promql(`sum(rate(training_episodes_total{${sel}}[${RATE}]))`, 'Episodes/sec')],
            unit: 'short',
          }),
          timeseries({
            title: 'Episode Rewards',
            description: 'Mean reward per episode completed in each interval, and the median from the histogram.',
            targets: [
              promql(`sum(rate(training_episode_reward_sum{${sel}}[${RATE}])) / sum(rate(training_episode_reward_count{${sel}}[${RATE}]))`, 'Episode Reward (mean)'),
              promql(`histogram_quantile(0.5, sum by (le) (rate(training_episode_reward_bucket{${sel}}[${RATE}])))`, 'Episode Reward (median)'),
            ],
          }),
          timeseries({
            title: 'Agent Performance',
            targets: [promql(`agent_reward{${sel}, agent_id=~"$agent_id"}`, 'Agent {{agent_id}}')],
          }),
          timeseries({
            title: 'Training Loss',
            targets: [promql(`training_loss{${sel}}`, 'Training Loss')],
          }),
          hasGpuExporter
            ? timeseries({
                title: 'GPU Utilization',
                description: 'DCGM GPU utilisation of every GPU the GPU exporter sees.',
                targets: [promql('DCGM_FI_DEV_GPU_UTIL{job="gpu-exporter"}', 'GPU {{gpu}} {{Hostname}}')],
                unit: 'percent',
                min: 0,
                max: 100,
              })
            : timeseries({
                title: 'GPU Utilization',
                description: 'GPU utilisation as the application reports it (no GPU exporter runs in this environment).',
                targets: [promql(`gpu_utilization_percent{${sel}}`, 'GPU {{instance}}')],
                unit: 'percent',
                min: 0,
                max: 100,
              }),
        ],
      },
    ],
  };
}
