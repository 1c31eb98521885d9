/**
 * The value checks of the environment schema, by format name: each returns what is wrong with a value,
 * or undefined. load.ts registers them with ajv and words a failure with the check's own message.
 */
import { checkHostPort, checkHttpUrl, checkIpAddress } from './values/address';
import { checkDuration, DURATION_MS } from './values/duration';
import { checkPinnedImage } from './values/image-reference';
import { checkCpu, checkMemory, checkStorage } from './values/quantity';

const { d: DAY, h: HOUR, m: MINUTE, s: SECOND, y: YEAR } = DURATION_MS;

/** Namespaces Kubernetes keeps for itself (and the `kube-` prefix it reserves). */
export const CLUSTER_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * Bounds of each duration setting. A pending period up to a week; retention from a day (the capacity
 * alerts look a day back) to ten years; Alertmanager's timers: group_wait may be 0, group_interval and
 * repeat_interval may not (Alertmanager refuses zero), none beyond what a route sensibly waits.
 */
export const DURATION_BOUNDS = Object.freeze({
  for: { min: 0, max: 7 * DAY },
  retention: { min: DAY, max: 10 * YEAR },
  retentionWholeDays: { min: DAY, max: 10 * YEAR, multipleOf: DAY },
  groupWait: { min: 0, max: HOUR },
  groupInterval: { min: SECOND, max: DAY },
  repeatInterval: { min: MINUTE, max: 30 * DAY },
  // The Watchdog route's repeat_interval when a heartbeat is pinged: down to 10s (a test's), up to a day.
  heartbeatInterval: { min: 10 * SECOND, max: DAY },
});

export const FORMATS: Readonly<Record<string, (value: string) => string | undefined>> = Object.freeze({
  'for-duration': (v: string) => checkDuration(v, DURATION_BOUNDS.for),
  'retention': (v: string) => checkDuration(v, DURATION_BOUNDS.retention),
  'retention-whole-days': (v: string) => checkDuration(v, DURATION_BOUNDS.retentionWholeDays),
  'group-wait': (v: string) => checkDuration(v, DURATION_BOUNDS.groupWait),
  'group-interval': (v: string) => checkDuration(v, DURATION_BOUNDS.groupInterval),
  'repeat-interval': (v: string) => checkDuration(v, DURATION_BOUNDS.repeatInterval),
  'heartbeat-interval': (v: string) => checkDuration(v, DURATION_BOUNDS.heartbeatInterval),
  'cpu': checkCpu,
  'memory': checkMemory,
  'storage': checkStorage,
  'image': checkPinnedImage,
  'ip-address': checkIpAddress,
  'host-port': checkHostPort,
  'http-url': checkHttpUrl,
  // The application's pods carry the job as app.kubernetes.io/part-of, which both Kubernetes targets select on.
  'application-job': (v: string) =>
    /^[a-zA-Z]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?$/.test(v)
      ? undefined
      : `"${v}" cannot be the application's job: it is the value of its pods' label app.kubernetes.io/part-of, so at most 63 letters, digits, "_" and "-", starting with a letter and ending with a letter or digit`,
  'namespace': (v: string) =>
    CLUSTER_NAMESPACES.includes(v) || v.startsWith('kube-')
      ? `"${v}" belongs to the cluster (${CLUSTER_NAMESPACES.join(', ')} and the kube- prefix): the stack's default-deny policies would cover every pod there; name a namespace of its own`
      : undefined,
});
