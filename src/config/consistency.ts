/**
 * Checks of the merged environment that no single file can fail on its own: a component switched off
 * while another needs it, settings that would do nothing, nothing left to deploy, requests above
 * limits, a job name taken twice. Each error is located at the setting to change and names the other.
 */
import { COMPONENT_NAMES, COMPONENT_SETTINGS, ComponentName } from '../../constructs/component-table';
import { RunCondition } from '../../constructs/settings';
import { ConfigError } from './errors';
import { Layer, Source, sourceOf, valueAt, where } from './layers';
import { parseBytes, parseCpu } from './values/quantity';
import { EnvironmentFile } from './schema';

export function checkConsistency(merged: EnvironmentFile, layers: readonly Layer[]): void {
  const enabled = (n: ComponentName) => merged.components?.[n]?.enabled !== false;
  const last = layers[layers.length - 1];
  const at = (path: readonly string[]) => sourceOf(layers, path);
  const fail = (path: readonly string[], detail: string): never => {
    const s = at(path);
    throw new ConfigError(s?.file ?? last.file, path.join('.'), detail, s?.line);
  };

  const runs = (n: ComponentName) => enabled(n) && conditionHolds(merged, enabled, COMPONENT_SETTINGS[n].runsOnlyWhen);
  if (COMPONENT_NAMES.every((n) => !runs(n))) fail(['components'], 'every component is disabled: nothing is left to deploy; enable at least one');

  checkNeeds(merged, enabled, at, fail);
  checkPointless(merged, enabled, at, fail);
  checkRequestsWithinLimits(merged, enabled, at, fail);
  checkJobNames(merged, fail);
  checkConditionalComponents(merged, enabled, fail);
}

type At = (path: readonly string[]) => Source | undefined;
type Fail = (path: readonly string[], detail: string) => never;

/** Every running component that needs `needed`, directly or through another. */
function dependants(needed: ComponentName, enabled: (n: ComponentName) => boolean): ComponentName[] {
  const found: ComponentName[] = [];
  const visit = (n: ComponentName) => {
    for (const c of COMPONENT_NAMES) {
      if (!enabled(c) || found.includes(c)) continue;
      if ((COMPONENT_SETTINGS[c].needs ?? []).some((need) => need.component === n)) {
        found.push(c);
        visit(c);
      }
    }
  };
  visit(needed);
  return found;
}

function checkNeeds(merged: EnvironmentFile, enabled: (n: ComponentName) => boolean, at: At, fail: Fail): void {
  const elasticSpans = merged.tracing?.storage === 'elasticsearch' && enabled('jaeger');
  for (const needed of COMPONENT_NAMES) {
    if (enabled(needed)) continue;
    const off = ['components', needed, 'enabled'];
    const users = dependants(needed, enabled);
    const spans = needed === 'elasticsearch' && elasticSpans;
    if (users.length === 0 && !spans) continue;
    const reasons = users.map((u) => {
      const direct = (COMPONENT_SETTINGS[u].needs ?? []).find((n) => n.component === needed);
      const via = (COMPONENT_SETTINGS[u].needs ?? []).find((n) => users.includes(n.component as ComponentName));
      return `components.${u} (${direct ? direct.why : `it needs ${via?.component}`}${setHere(at, ['components', u, 'enabled'])})`;
    });
    const storage = at(['tracing', 'storage']);
    if (spans) reasons.push(`tracing.storage: elasticsearch (Jaeger keeps its spans there${storage ? `, ${where(storage)}` : ''})`);
    const fixes = [...users.map((u) => `components.${u}.enabled: false`), ...(spans ? ['tracing.storage: memory'] : [])];
    fail(off, `${needed} is disabled, but ${reasons.join(', ')} ${reasons.length > 1 ? 'need' : 'needs'} it: set ${fixes.join(', ')}, or enable ${needed}`);
  }
}

/** Where a component is switched on explicitly; nothing when it runs by default. */
function setHere(at: At, path: readonly string[]): string {
  const s = at(path);
  return s ? `, enabled at ${where(s)}` : '';
}

/**
 * A setting that the output ignores while a component is off. Refused when the same file as the one
 * that turns the component off, or a file built on it, sets it; a setting inherited from a base that
 * runs the component is left alone (a file cannot remove a key its base sets).
 */
interface PointlessRule {
  readonly path: readonly string[];
  readonly off: ComponentName;
  readonly why: string;
}

function pointlessRules(): PointlessRule[] {
  const own = COMPONENT_NAMES.flatMap((n) =>
    ['image', 'resources', 'replicas', 'storage', 'retention'].map((k) => ({ path: ['components', n, k], off: n, why: `${n} is disabled, so none of its settings is rendered` })),
  );
  return [
    ...own,
    { path: ['components', 'elasticsearch', 'retention'], off: 'logstash', why: 'the retention of the log indices is applied by Logstash\'s lifecycle policy' },
    { path: ['alerting', 'rules'], off: 'prometheus', why: 'Prometheus evaluates the alert rules' },
    { path: ['alerting', 'routing'], off: 'alertmanager', why: 'Alertmanager routes the alerts' },
    { path: ['tracing', 'storage'], off: 'jaeger', why: 'it says where Jaeger keeps its spans' },
    { path: ['application', 'job'], off: 'prometheus', why: 'Prometheus scrapes the application' },
    { path: ['application', 'metricsPath'], off: 'prometheus', why: 'Prometheus scrapes the application' },
    { path: ['application', 'composeTargets'], off: 'prometheus', why: 'Prometheus scrapes the application' },
    { path: ['application', 'redis'], off: 'redis-exporter', why: 'redis-exporter reads the application\'s Redis' },
    { path: ['application', 'postgres'], off: 'postgres-exporter', why: 'postgres-exporter reads the application\'s Postgres' },
  ];
}

function checkPointless(merged: EnvironmentFile, enabled: (n: ComponentName) => boolean, at: At, fail: Fail): void {
  for (const rule of pointlessRules()) {
    if (enabled(rule.off) || valueAt(merged, rule.path) === undefined) continue;
    const off = at(['components', rule.off, 'enabled']);
    const set = at(rule.path);
    if (!off || !set || set.layer < off.layer) continue;
    const what = rule.path[0] === 'components' && rule.path[1] === rule.off ? rule.why : `${rule.why}, and ${rule.off} is disabled`;
    fail(rule.path, `does nothing: ${what} (components.${rule.off}.enabled: false at ${where(off)}); remove it, or enable ${rule.off}`);
  }
}

/** Kubernetes refuses a request above its limit; the environment's values are checked against the component's defaults. */
function checkRequestsWithinLimits(merged: EnvironmentFile, enabled: (n: ComponentName) => boolean, at: At, fail: Fail): void {
  for (const n of COMPONENT_NAMES) {
    if (!enabled(n)) continue;
    const set = merged.components?.[n]?.resources;
    if (!set) continue;
    const defaults = COMPONENT_SETTINGS[n].resources;
    const minimum = COMPONENT_SETTINGS[n].minMemoryLimit;
    const limitMemory = set.limits?.memory;
    if (minimum && limitMemory !== undefined) {
      const l = parseBytes(limitMemory);
      const m = parseBytes(minimum.value);
      if (!('problem' in l) && !('problem' in m) && l.value < m.value) {
        fail(['components', n, 'resources', 'limits', 'memory'], `${limitMemory} is too little for ${n}: at least ${minimum.value}, as ${minimum.why}`);
      }
    }
    for (const kind of ['cpu', 'memory'] as const) {
      const request = set.requests?.[kind] ?? defaults.requests[kind];
      const limit = set.limits?.[kind] ?? defaults.limits[kind];
      const parse = kind === 'cpu' ? parseCpu : parseBytes;
      const r = parse(request);
      const l = parse(limit);
      if ('problem' in r || 'problem' in l || r.value <= l.value) continue;
      const requestPath = ['components', n, 'resources', 'requests', kind];
      const limitPath = ['components', n, 'resources', 'limits', kind];
      const rs = at(requestPath);
      const ls = at(limitPath);
      // Point at whichever of the two the environment set last (the default one cannot be changed there).
      const blame = rs && (!ls || rs.layer >= ls.layer) ? requestPath : limitPath;
      const describe = (path: string[], value: string, s: Source | undefined) => `${path.slice(3).join('.')} ${value} (${s ? where(s) : `${n}'s default`})`;
      fail(blame, `the ${kind} request is above the limit: ${describe(requestPath, request, rs)} > ${describe(limitPath, limit, ls)}; Kubernetes refuses that`);
    }
  }
}

/** Prometheus refuses two scrape jobs of one name: the application's may not take a component's. */
function checkJobNames(merged: EnvironmentFile, fail: Fail): void {
  const job = merged.application?.job;
  if (job === undefined) return;
  const owner = COMPONENT_NAMES.find((n) => COMPONENT_SETTINGS[n].scrapeJobs.includes(job));
  if (owner) fail(['application', 'job'], `"${job}" is the scrape job of ${owner}: Prometheus refuses two jobs of one name; name the application's job otherwise`);
}

/** A component rendered only under a condition takes no settings where the condition fails: they would change nothing. */
function checkConditionalComponents(merged: EnvironmentFile, enabled: (n: ComponentName) => boolean, fail: Fail): void {
  for (const n of COMPONENT_NAMES) {
    const condition = COMPONENT_SETTINGS[n].runsOnlyWhen;
    const settings = merged.components?.[n];
    if (!condition || !settings || settings.enabled === false || conditionHolds(merged, enabled, condition)) continue;
    const set = (['image', 'resources', 'replicas', 'storage', 'retention'] as const).find((k) => settings[k] !== undefined);
    if (set) {
      const needs = [`${condition.setting.join('.')}: ${condition.equals}`, ...condition.with.map((c) => `components.${c} enabled`)].join(', ');
      fail(['components', n, set], `does nothing: ${condition.why} (${needs}); remove it, or set ${condition.setting.join('.')}: ${condition.equals}`);
    }
  }
}

/** Whether a component's run condition holds in the merged environment (no condition: always). */
function conditionHolds(merged: EnvironmentFile, enabled: (n: ComponentName) => boolean, condition: RunCondition | undefined): boolean {
  if (!condition) return true;
  return valueAt(merged, condition.setting) === condition.equals && condition.with.every((c) => enabled(c as ComponentName));
}
