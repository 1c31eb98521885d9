/**
 * cdk8s-plus-28's typed Kubernetes 1.28 objects (its `k8s` export), loaded without the L2 constructs of
 * its index, which the renderer does not use (see the README's design notes) and every synth would load.
 */
export * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
