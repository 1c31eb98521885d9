/**
 * What an environment file may set on a component, declared by the component itself as plain data.
 * src/config builds the environment schema from these declarations: a setting a component does not
 * render is refused at its line, never accepted and ignored. Every component takes `enabled`, `image`
 * and `resources`; the optional settings below exist only where the component declares them.
 *
 * To add a setting: a field here (and its name in OptionalSettingName), its schema in OPTIONAL of
 * src/config/component-schema.ts, its field in ComponentSettings (src/config/schema.ts), the declarations
 * of the components that render it (and `without` reasons for the others), the prop it becomes
 * (src/config/stack-props.ts passes a component every setting it declares), and its row in
 * test/config/settings-output.test.ts.
 */
import { Resources } from './service';

export interface ComponentSettingsDeclaration {
  /** The image it runs unless the environment names another. */
  readonly image: string;
  /** Requests and limits unless the environment overrides them (field by field). */
  readonly resources: Resources;
  /** Copies it can run correctly; absent: `replicas` is refused, `without.replicas` says why. */
  readonly replicas?: ReplicasDeclaration;
  /** It keeps data on a volume of this size by default; absent: `storage` is refused. */
  readonly storage?: { readonly default: string };
  /** It deletes data older than this by default; absent: `retention` is refused. */
  readonly retention?: RetentionDeclaration;
  /** The Prometheus jobs of its scrape endpoints (a test holds them to its description). */
  readonly scrapeJobs: readonly string[];
  /** The smallest memory limit it runs in, and why (a JVM heap sized from the limit). */
  readonly minMemoryLimit?: { readonly value: string; readonly why: string };
  /** Components it is of no use without, and why: disabling one of them while this one runs is refused. */
  readonly needs?: readonly ComponentNeed[];
  /**
   * It is rendered only where an environment setting has one value and some components run (the index
   * cleaner: spans kept in a running Elasticsearch); elsewhere its settings would change nothing.
   */
  readonly runsOnlyWhen?: RunCondition;
  /** Why an optional setting is not offered, for the error that refuses it and the README. */
  readonly without?: { readonly [setting in OptionalSettingName]?: string };
}

/** Requests and limits an environment sets, field by field over the component's defaults. */
export interface ResourceSettings {
  readonly requests?: { readonly cpu?: string; readonly memory?: string };
  readonly limits?: { readonly cpu?: string; readonly memory?: string };
}

/** The settings only some components take. */
export type OptionalSettingName = 'replicas' | 'storage' | 'retention';

export interface ReplicasDeclaration {
  readonly max: number;
  /** Counts within 1..max that do not work, with why (a 2-node Elasticsearch cannot keep a master). */
  readonly refused?: Readonly<Record<number, string>>;
}

export interface RetentionDeclaration {
  readonly default: string;
  /** Only whole days (Loki's compactor deletes by daily index table). @default false */
  readonly wholeDays?: boolean;
  /** Which part of the stack applies it, when not the component itself (Logstash's lifecycle policy). */
  readonly appliedBy?: string;
}

export interface RunCondition {
  /** Key path of the environment setting, and the value it must have. */
  readonly setting: readonly string[];
  readonly equals: string;
  /** Components that must be enabled as well. */
  readonly with: readonly string[];
  /** What it does there, for the error that refuses its settings elsewhere. */
  readonly why: string;
}

export interface ComponentNeed {
  readonly component: string;
  readonly why: string;
}

/** Why the per-host collectors take no replica count. */
export const ONE_PER_HOST = 'it runs one copy per host (a DaemonSet): the number of hosts decides how many copies run';
/** Why an exporter of one target takes no replica count. */
export const ONE_EXPORTER = 'every copy would report the same target, so each series would be counted twice';
/** Why a stateless component takes no storage. */
export const KEEPS_NO_DATA = 'it keeps no data of its own';
