/** Alerting as code: rule model, rule files by concern, SLOs, routing and runbooks. */
export * from './model/rule';
export * from './model/resolve';
export * from './model/render';
export * from './model/promtool-tests';
export * from './context';
export * from './slo';
export * from './routing';
export * from './runbooks';
export * from './alerting';
export * from './builtin';
