/** Training quality: reward level and trend, loss convergence, progress. */
import { POOR_MODEL_PERFORMANCE } from './runbooks-guide';
import { percentOf, repeat, RulesContext } from './context';
import { RuleFile, alert, anyNumber, factor, fraction, record, series } from './model/rule';

export function trainingRules(ctx: RulesContext): RuleFile {
  const job = ctx.applicationJob;
  const target = `instance="trainer:8000",job="${job}"`;
  const labels = { instance: 'trainer:8000', job };
  const on = `{job="${job}"}`;
  // training_episode_reward is a histogram: the mean reward of a window is its sum over its count.
  const meanReward = (window: string, offset = '') =>
    `increase(training_episode_reward_sum${on}[${window}]${offset}) / increase(training_episode_reward_count${on}[${window}]${offset})`;
  return {
    name: 'training',
    groups: [
      {
        name: 'training.records',
        rules: [record('instance:training_episode_reward:mean1h', meanReward('1h'))],
      },
      {
        name: 'training.alerts',
        rules: [
          alert({
            name: 'PoorModelPerformance',
            expr: (t) => `instance:training_episode_reward:mean1h${on} < ${t.minMeanReward}`,
            for: '30m',
            severity: 'warning',
            team: 'ml',
            component: 'training',
            thresholds: { minMeanReward: anyNumber(0.1) },
            summary: 'Model performance is below the expected threshold',
            description: (t) => `Mean episode reward over the last hour on {{ $labels.instance }} is {{ $value | printf "%.3f" }} (expected at least ${t.minMeanReward}).`,
            runbook: POOR_MODEL_PERFORMANCE,
            tests: {
              fires: {
                series: [series(`training_episode_reward_sum{${target}}`, '0+0.05x120'), series(`training_episode_reward_count{${target}}`, '0+1x120')],
                at: '100m',
                labels,
                description: 'Mean episode reward over the last hour on trainer:8000 is 0.050 (expected at least 0.1).',
              },
              quiet: { series: [series(`training_episode_reward_sum{${target}}`, '0+0.5x120'), series(`training_episode_reward_count{${target}}`, '0+1x120')], at: '100m' },
            },
          }),
          alert({
            name: 'RewardTrendDeclining',
            expr: (t) => `(${meanReward('6h', ' offset 1h')}) - instance:training_episode_reward:mean1h${on} > ${t.dropFraction} * abs(${meanReward('6h', ' offset 1h')})`,
            for: '1h',
            severity: 'warning',
            team: 'ml',
            component: 'training',
            thresholds: { dropFraction: fraction(0.2) },
            summary: 'Episode rewards are falling',
            description: (t) => `Mean episode reward on {{ $labels.instance }} fell by {{ $value | printf "%.2f" }} against the 6 hours before, more than ${percentOf(t.dropFraction)}% of that level.`,
            runbook: POOR_MODEL_PERFORMANCE,
            tests: {
              fires: {
                series: [series(`training_episode_reward_sum{${target}}`, '0+1x360 360.5+0.5x119'), series(`training_episode_reward_count{${target}}`, '0+1x480')],
                at: '480m',
                labels,
                description: 'Mean episode reward on trainer:8000 fell by 0.42 against the 6 hours before, more than 20% of that level.',
              },
              quiet: { series: [series(`training_episode_reward_sum{${target}}`, '0+1x480'), series(`training_episode_reward_count{${target}}`, '0+1x480')], at: '480m' },
            },
          }),
          alert({
            name: 'TrainingLossNotConverging',
            expr: (t) => `training_loss${on} > ${t.riseFactor} * min_over_time(training_loss${on}[2h]) and deriv(training_loss${on}[1h]) > 0`,
            for: '30m',
            severity: 'warning',
            team: 'ml',
            component: 'training',
            thresholds: { riseFactor: factor(1.2) },
            summary: 'Training loss is rising',
            description: (t) => `Training loss on {{ $labels.instance }} is {{ $value | printf "%.3f" }}, over ${t.riseFactor}× its 2-hour low, and still rising.`,
            runbook: POOR_MODEL_PERFORMANCE,
            tests: {
              fires: { series: [series(`training_loss{${target}}`, '1+0.01x150')], at: '120m', labels, description: 'Training loss on trainer:8000 is 2.200, over 1.2× its 2-hour low, and still rising.' },
              quiet: { series: [series(`training_loss{${target}}`, '2-0.005x150')], at: '120m' },
            },
          }),
          alert({
            name: 'TrainingLossInvalid',
            expr: () => `training_loss${on} != training_loss${on} or abs(training_loss${on}) == +Inf`,
            for: '5m',
            severity: 'warning',
            team: 'ml',
            component: 'training',
            thresholds: {},
            summary: 'Training loss is NaN or infinite',
            description: 'Training on {{ $labels.instance }} reports a loss that is not a number: the run has diverged.',
            runbook: {
              symptoms: 'The loss is NaN or infinite; the model\'s weights are likely corrupt.',
              investigation: [
                'Find when the loss first became invalid on the "Training Metrics" dashboard.',
                'Check the learning rate, gradient clipping and the inputs of the batches around that time.',
                'Look for exploding gradients or a division by zero in recent code changes.',
              ],
              resolution: ['Stop the run and restart it from the last good checkpoint.', 'Lower the learning rate or enable gradient clipping.'],
            },
            tests: {
              fires: { series: [series(`training_loss{${target}}`, `0.5 0.4 ${repeat('NaN', 19)}`)], at: '15m', labels, description: 'Training on trainer:8000 reports a loss that is not a number: the run has diverged.' },
              quiet: { series: [series(`training_loss{${target}}`, '0.5x20')], at: '15m' },
            },
          }),
          alert({
            name: 'TrainingStalled',
            expr: () => `rate(training_episodes_total${on}[15m]) == 0`,
            for: '15m',
            severity: 'warning',
            team: 'ml',
            component: 'training',
            thresholds: {},
            summary: 'Training makes no progress',
            description: 'No training episode has completed on {{ $labels.instance }} for at least 15 minutes.',
            runbook: {
              symptoms: 'The episode counter stands still; training is hung, starved or finished.',
              investigation: [
                'Check whether the run was meant to finish (then silence the alert).',
                'Read the trainer\'s logs for errors or waits on agents.',
                'Check GPU use: a GPU at 0% while the process lives points at a hang or a data stall.',
                'Check the federation dashboard: training may wait for agents that are gone.',
              ],
              resolution: ['Restart the trainer from its last checkpoint.', 'Restore the agents or data source it waits for.'],
            },
            tests: {
              fires: { series: [series(`training_episodes_total{${target}}`, '10x50')], at: '40m', labels, description: 'No training episode has completed on trainer:8000 for at least 15 minutes.' },
              quiet: { series: [series(`training_episodes_total{${target}}`, '0+1x50')], at: '40m' },
            },
          }),
        ],
      },
    ],
  };
}
