/**
 * What the stack's Grafana does before it starts, done for the cluster's Grafana: its setup step creates
 * the Elasticsearch user its datasource signs in as. The k8s target runs it as Grafana's init container;
 * here no Grafana pod of the stack's exists, so the same step, in the same image and again as an init
 * container (only setup steps may hold the elastic password), runs in a CronJob (a Job's pod template
 * cannot change under `kubectl apply`, a CronJob's can), hourly, so a password rotated in its Secret
 * reaches Elasticsearch within the hour. The job's own container only says the step is done.
 */
import { ResolvedServiceSpec } from '../../../constructs';
import { resolveSpec } from '../../../constructs/service';

export const GRAFANA_SETUP_JOB = 'grafana-setup';
const HOURLY = { cron: '7 * * * *', everySeconds: 3600 } as const;

export function grafanaSetupJob(grafana: ResolvedServiceSpec | undefined): ResolvedServiceSpec | undefined {
  const setup = grafana?.setup;
  if (!grafana || !setup) return undefined;
  // Only the services the step's command names in a URL (Elasticsearch): the datasources' are the cluster Grafana's business.
  const links = grafana.links.filter((l) => setup.command.join(' ').includes(`//${l.service}:`));
  return resolveSpec({
    name: GRAFANA_SETUP_JOB,
    description: `For the cluster's Grafana, hourly: ${setup.description}`,
    image: grafana.image,
    workload: 'CronJob',
    replicas: 1,
    schedule: HOURLY,
    setup,
    command: ['sh', '-c', `echo "${GRAFANA_SETUP_JOB}: the setup step of the cluster Grafana's datasources ran"`],
    ports: [],
    resources: setup.resources,
    user: grafana.user,
    group: grafana.group,
    links,
    startsAfter: links.map((l) => l.service),
  });
}
