/**
 * A component of the stack: a construct that describes one service, target-neutrally. Its
 * description is produced when a renderer asks for it, so `add*` calls made after construction
 * (by the stack or by a user's extension) are all seen, whatever their order.
 */
import { Construct } from 'constructs';
import { ResourceSettings } from './settings';
import { Platform } from './platform';
import { Resources, ServiceSpec } from './service';

export abstract class Component extends Construct {
  /** Every component of a construct tree, in tree order (which is creation order). */
  static all(scope: Construct): Component[] {
    return scope.node.findAll().filter((c): c is Component => c instanceof Component);
  }

  /** The service name: DNS name in both targets, and the prefix of every object rendered for it. */
  abstract readonly serviceName: string;

  /** Describes the service for one platform. */
  abstract describe(platform: Platform): ServiceSpec;
}

/** What every component takes; each one's props add what is its own. */
export interface ComponentProps {
  /** Full image reference with a pinned tag. @default the `image` of the component's settings declaration (`<NAME>_SETTINGS`) */
  readonly image?: string;
  /**
   * Requests and limits, field by field over the defaults.
   * @default the `resources` of the component's settings declaration (`<NAME>_SETTINGS`)
   */
  readonly resources?: ResourceSettings;
}

/** Requests and limits from a component's defaults, overridden field by field by the environment. */
export function mergeResources(defaults: Resources, settings: ResourceSettings | undefined): Resources {
  return {
    requests: { ...defaults.requests, ...settings?.requests },
    limits: { ...defaults.limits, ...settings?.limits },
  };
}

/** A short resource helper: `resources('100m', '128Mi', '500m', '512Mi')`. */
export function resources(cpuRequest: string, memoryRequest: string, cpuLimit: string, memoryLimit: string): Resources {
  return { requests: { cpu: cpuRequest, memory: memoryRequest }, limits: { cpu: cpuLimit, memory: memoryLimit } };
}

const MEMORY_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** Bytes in a Kubernetes memory quantity, fractions included (`1.5Gi` → 1610612736). */
export function memoryBytes(quantity: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity);
  if (!m) throw new Error(`cannot read the memory quantity "${quantity}"`);
  return Math.round(Number(m[1]) * MEMORY_UNITS[m[2] ?? '']);
}
