/** The PromQL parser is the construct library's (its rule tests read metric names with it); the checks take it from here. */
export * from '../../constructs/promql';
