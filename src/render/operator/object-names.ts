/** Names of Kubernetes objects, as the API server checks them (apimachinery's IsDNS1123Subdomain). */
export const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
