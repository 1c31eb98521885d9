/** Patterns of the Kubernetes names and labels an environment may give, as the API server checks them. */

/** An object name (apimachinery's IsDNS1123Subdomain): ConfigMaps, monitors, rules and most kinds. */
export const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A DNS-1123 label (a namespace, a host name part). */
export const DNS_LABEL = '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$';
/**
 * A label key: an optional prefix, a DNS subdomain of at most 253 characters (dot-separated labels, each
 * starting and ending alphanumerically), and a name of at most 63.
 */
export const LABEL_KEY = '^((?=[^/]{1,253}/)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$';
/** A label value: empty, or at most 63 characters starting and ending alphanumerically. */
export const LABEL_VALUE = '^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$';

/** A non-empty map of labels (a selector), optional in its parent. */
export const labelMapSchema = {
  type: 'object',
  nullable: true,
  minProperties: 1,
  required: [],
  propertyNames: { pattern: LABEL_KEY },
  additionalProperties: { type: 'string', pattern: LABEL_VALUE },
} as const;
