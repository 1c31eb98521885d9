/** The built-in rule files of the stack, by concern. */
import { applicationRules } from './application';
import { capacityRules } from './capacity';
import { RulesContext } from './context';
import { datastoreRules } from './datastores';
import { federationRules } from './federation';
import { RuleFile } from './model/rule';
import { securityRules } from './security';
import { selfMonitoringRules } from './self-monitoring';
import { sloRules } from './slo';
import { systemRules } from './system';
import { trainingRules } from './training';

/** The built-in rule files, in the order they are rendered. */
export function builtinRuleFiles(ctx: RulesContext): RuleFile[] {
  return [
    selfMonitoringRules(),
    systemRules(),
    capacityRules(ctx),
    datastoreRules(),
    applicationRules(ctx),
    sloRules(ctx),
    trainingRules(ctx),
    federationRules(ctx),
    securityRules(ctx),
  ];
}
