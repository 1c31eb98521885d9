/** The file the operator target's output is told apart by (its monitors; a k8s output has none). */
export const OPERATOR_OUTPUT_FILE = 'monitors.yaml';
