/** The resolved environment every construct reads: the layered files merged, defaults filled in. */
import { ResolvedClusterSettings } from './cluster-settings';
import { AlertingSettings, ComponentName, ComponentSettings, ComponentsSettings } from './schema';
import { ConfigWarning } from './warnings';

export interface Environment {
  readonly name: string;
  readonly description: string;
  readonly namespace: string;
  readonly runbookBaseUrl: string;
  /** Host address compose publishes user-facing ports on. */
  readonly bindAddress: string;
  readonly application: {
    readonly job: string;
    readonly metricsPath: string;
    readonly composeTargets: readonly string[];
    readonly redis: { readonly address: string; readonly composeAddress: string };
    readonly postgres: {
      readonly address: string;
      readonly composeAddress: string;
      readonly database: string;
      readonly sslmode: string;
      readonly exporterUser: string;
    };
  };
  readonly components: ComponentsSettings;
  /** Per-alert overrides and the routing settings, as the files give them (checked when the stack is built). */
  readonly alerting: { readonly rules: NonNullable<AlertingSettings['rules']>; readonly routing: NonNullable<AlertingSettings['routing']> };
  /** Where Jaeger keeps spans. */
  readonly tracing: { readonly storage: 'memory' | 'elasticsearch' };
  /** Storage classes, DNS and GPU runtime of the Kubernetes cluster (ignored by compose). */
  readonly kubernetes: ResolvedClusterSettings;
  /** Where users open the UIs. */
  readonly publicUrls: { readonly kibana: string };
  /** Absolute paths of the extension modules to run on the stack. */
  readonly extensions: readonly string[];
  /** The files this environment was read from, base first. */
  readonly sources: readonly string[];
  /** Valid but surprising input, for the CLI to print (`formatWarning`). */
  readonly warnings: readonly ConfigWarning[];
}

export function componentSettings(env: Environment, name: ComponentName): ComponentSettings {
  return env.components[name] ?? {};
}

export function isEnabled(env: Environment, name: ComponentName): boolean {
  return componentSettings(env, name).enabled !== false;
}
