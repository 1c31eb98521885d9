/**
 * What a scrape job does to the labels of the series it collects, read from the rendered
 * prometheus.yml: the target labels it adds (`job`, `instance`, static labels, relabelled ones), a
 * target's own label that collides with one of them becoming `exported_<name>`, then
 * `metric_relabel_configs`. Actions whose outcome depends on label values are taken as adding what
 * they may add; a `labelmap` over discovery labels leaves the set open.
 */
import { anchoredRegex } from '../promql/anchored-regex';
import { durationSeconds } from '../promql/duration';
import { addLabels, knownLabels, Labels, withoutLabels } from '../promql/types';

interface RelabelRule {
  readonly action?: string;
  readonly target_label?: string;
  readonly regex?: string;
  readonly replacement?: string;
}

interface ScrapeConfigShape {
  readonly job_name: string;
  readonly scrape_interval?: string;
  readonly honor_labels?: boolean;
  readonly static_configs?: readonly { readonly labels?: Record<string, string> }[];
  readonly relabel_configs?: readonly RelabelRule[];
  readonly metric_relabel_configs?: readonly RelabelRule[];
}

export interface PrometheusConfigShape {
  readonly global?: { readonly scrape_interval?: string; readonly evaluation_interval?: string };
  readonly scrape_configs?: readonly ScrapeConfigShape[];
}

export interface ScrapeJobLabels {
  /** Seconds between two scrapes of a target. */
  readonly interval: number;
  /** The label set of the job's series, given the labels the target itself puts on one family. */
  seriesLabels(own: Labels): Labels;
}

const DEFAULT_SCRAPE_INTERVAL = 60;

export function scrapeJobsOf(config: PrometheusConfigShape): Map<string, ScrapeJobLabels> {
  const globalInterval = durationSeconds(config.global?.scrape_interval ?? '') ?? DEFAULT_SCRAPE_INTERVAL;
  const jobs = new Map<string, ScrapeJobLabels>();
  for (const job of config.scrape_configs ?? []) {
    const interval = durationSeconds(job.scrape_interval ?? '') ?? globalInterval;
    const target = targetLabels(job);
    const honor = job.honor_labels === true;
    const metricRules = job.metric_relabel_configs ?? [];
    jobs.set(job.job_name, {
      interval,
      seriesLabels(own) {
        const collisions = honor ? [] : [...own.names].filter((n) => target.names.has(n)).map((n) => `exported_${n}`);
        const merged: Labels = { names: new Set([...own.names, ...target.names, ...collisions]), open: own.open || target.open };
        return applyRelabelling(merged, metricRules);
      },
    });
  }
  return jobs;
}

function targetLabels(job: ScrapeConfigShape): Labels {
  let labels = knownLabels(['job', 'instance']);
  for (const s of job.static_configs ?? []) labels = addLabels(labels, Object.keys(s.labels ?? {}));
  // Discovery's own labels start with __ and are dropped after relabelling; what it copies counts.
  const relabelled = applyRelabelling(labels, job.relabel_configs ?? [], true);
  return withoutLabels(relabelled, [...relabelled.names].filter((n) => n.startsWith('__')));
}

function applyRelabelling(labels: Labels, rules: readonly RelabelRule[], discovery = false): Labels {
  let current = labels;
  for (const rule of rules) {
    const action = (rule.action ?? 'replace').toLowerCase();
    const regex = anchoredRegex(rule.regex ?? '(.*)');
    switch (action) {
      case 'replace':
      case 'lowercase':
      case 'uppercase':
      case 'hashmod':
        if (rule.target_label && !rule.target_label.includes('$')) current = addLabels(current, [rule.target_label]);
        else if (rule.target_label) current = { ...current, open: true };
        break;
      case 'labeldrop':
        if (!regex) current = { ...current, open: true };
        else current = withoutLabels(current, [...current.names].filter((n) => regex.test(n)));
        break;
      case 'labelkeep':
        if (!regex) current = { ...current, open: true };
        else current = { names: new Set([...current.names].filter((n) => n === '__name__' || n.startsWith('__') || regex.test(n))), open: current.open };
        break;
      case 'labelmap':
        // Discovery labels (__meta_*) are not known here; over series labels the names can be mapped.
        if (discovery || !regex) current = { ...current, open: true };
        else {
          const mapped = [...current.names].filter((n) => regex.test(n)).map((n) => n.replace(regex, rule.replacement ?? '$1'));
          current = addLabels(current, mapped);
        }
        break;
      default:
        // keep, drop, keepequal, dropequal filter targets or series; names stay.
        break;
    }
  }
  return current;
}

