/** File names of the operator target's output that others recognise it by. */
export const OPERATOR_OUTPUT_FILE = 'monitors.yaml';
