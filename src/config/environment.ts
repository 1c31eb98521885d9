/**
 * The resolved environment: the layered files merged, defaults filled in. The stack is made from the
 * props src/config/stack-props.ts maps it to; the renderers read the rest (namespace, cluster, ingress).
 */
import { ResolvedIngress } from './access-settings';
import { ResolvedClusterSettings } from './cluster-settings';
import { Layer } from './layers';
import { ResolvedOperatorSettings } from './operator-settings';
import { AlertingSettings, ComponentsSettings } from './schema';
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
  /** Whether Prometheus' and Alertmanager's UIs and APIs ask for a password. */
  readonly access: { readonly authentication: boolean };
  /** The Ingress in front of the UIs (Kubernetes); undefined when off. */
  readonly ingress: ResolvedIngress | undefined;
  /** How the operator target meets the cluster's Prometheus Operator. */
  readonly operator: ResolvedOperatorSettings;
  /** Absolute paths of the extension modules to run on the stack. */
  readonly extensions: readonly string[];
  /** The files this environment was read from, base first. */
  readonly sources: readonly string[];
  /** Those files' text and content, for naming the file and line of a key path (`sourceOf`). */
  readonly layers: readonly Layer[];
  /** Valid but surprising input, for the CLI to print (`formatWarning`). */
  readonly warnings: readonly ConfigWarning[];
}
