/** The `operator` target: the stack added to a cluster that runs kube-prometheus-stack (render/operator). */
import * as fs from 'fs';
import * as path from 'path';
import { kubernetesSecrets, secretRefs } from '../commands/secrets';
import { operatorServices, renderOperator } from '../render/operator/renderer';
import { OPERATOR_OUTPUT_FILE } from './operator-files';
import { OutputTarget, validation } from './target';
import { kubernetesPlatformOf } from '../render/kubernetes/platform';
import { RECEIVERS_SECRET } from '../../constructs';

export const operatorTarget: OutputTarget = {
  name: 'operator',
  summary: "monitors, PrometheusRules, routing, dashboards and datasources for a cluster's Prometheus Operator, and the log and trace stack",
  platform: (env) => kubernetesPlatformOf(env),
  render: renderOperator,
  recognizes: (dir) => fs.existsSync(path.join(dir, 'kustomization.yaml')) && fs.existsSync(path.join(dir, OPERATOR_OUTPUT_FILE)),
  validate: (dir, options) => validation().validateOperatorOutput(dir, options),
  checkWithTools: (dir, label) => (require('../validate/operator-tools') as typeof import('../validate/operator-tools')).checkOperatorWithTools(dir, label),
  services: operatorServices,
  secrets: (stack) => {
    const env = stack.environment;
    const op = env.operator;
    const notes: string[] = [];
    // The receivers' credentials: files the cluster's Alertmanager mounts (alertmanagerSpec.secrets), in its namespace.
    const receivers = stack.alertmanager?.routingConfig().secretFiles ?? [];
    if (receivers.length) {
      notes.push(
        `# The routing's credentials, for the cluster's Alertmanager (alertmanagerSpec.secrets: [${RECEIVERS_SECRET}]):`,
        `#   kubectl -n ${op.namespace} create secret generic ${RECEIVERS_SECRET} ${receivers.map((r) => `--from-file=${r.key}=<file with the ${r.description}>`).join(' ')}`,
        '',
      );
    }
    return notes.join('\n') + kubernetesSecrets(secretRefs(operatorServices(stack)), env.namespace);
  },
};
