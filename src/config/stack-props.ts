/**
 * The one place an environment becomes the construct library's props: the facts the stack reads, and per
 * component its settings as props or `false` (off). Errors the library raises about those props name a key
 * path; `overrideConfigError` finds the environment file and line that set it.
 */
import { AlertOverrideError } from '../../alerts/model/resolve';
import { COMPONENT_NAMES } from '../../constructs/component-table';
import { ComponentsProps, MonitoringStackProps } from '../../constructs/stack-props';
import { Environment } from './environment';
import { ConfigError } from './errors';
import { sourceOf } from './layers';

export function stackPropsOf(env: Environment): MonitoringStackProps {
  const { application: app, ingress } = env;
  return {
    name: env.name,
    application: {
      scrape: { job: app.job, metricsPath: app.metricsPath, staticTargets: app.composeTargets },
      redis: { cluster: app.redis.address, compose: app.redis.composeAddress },
      postgres: {
        address: { cluster: app.postgres.address, compose: app.postgres.composeAddress },
        database: app.postgres.database,
        sslmode: app.postgres.sslmode,
        user: app.postgres.exporterUser,
      },
    },
    alerting: { runbookBaseUrl: env.runbookBaseUrl, rules: env.alerting.rules, routing: env.alerting.routing },
    tracing: env.tracing,
    authentication: env.access.authentication,
    // Behind the Ingress, Grafana's links point at its host there (Kibana's URL is resolved with the environment).
    publicUrls: { ...(ingress ? { grafana: `https://grafana.${ingress.domain}` } : {}), kibana: env.publicUrls.kibana },
    components: componentsPropsOf(env),
  };
}

/**
 * Each component's settings as its props: the schema lets a component take only the settings it declares,
 * and each declared one is a prop of it; unset ones stay absent so they do not hide its defaults.
 */
function componentsPropsOf(env: Environment): ComponentsProps {
  return Object.fromEntries(
    COMPONENT_NAMES.map((name) => {
      const { enabled, ...settings } = env.components[name] ?? {};
      return [name, enabled === false ? false : Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined))];
    }),
  ) as ComponentsProps;
}

/** An override the library refused, at the file (and line) of the environment that holds it: the last one that sets it. */
export function overrideConfigError(env: Environment, e: AlertOverrideError): ConfigError {
  const source = sourceOf(env.layers, e.keyPath);
  return new ConfigError(source?.file ?? env.sources.at(-1) ?? env.name, e.keyPath.join('.'), e.detail, source?.line);
}
