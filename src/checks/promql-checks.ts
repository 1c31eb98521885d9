/**
 * The PromQL of one environment's stack — rules, the queries their templates run, dashboard panels
 * and variables — checked for names and types against the series its Prometheus really holds: the
 * input gathered from the stack (promql-check-input.ts), then the findings (promql-findings.ts).
 */
import { IDashboard, MonitoringStack, Platform } from '../../constructs';
import { CatalogueLookup, promqlCheckInput } from './promql-check-input';
import { PromqlFindings, promqlFindings } from './promql-findings';

export type { CatalogueLookup } from './promql-check-input';
export { familiesOfImage, releaseOfImage } from './promql-check-input';
export type { PromqlFindings } from './promql-findings';

/** Runs inside a pass of the stack (describe and the rule files are derived once). */
export function checkStackPromql(stack: MonitoringStack, platform: Platform, catalogue: CatalogueLookup, dashboards: readonly IDashboard[]): PromqlFindings {
  const input = promqlCheckInput(stack, platform, catalogue, dashboards);
  return input ? promqlFindings(input) : { problems: [], warnings: [] };
}
