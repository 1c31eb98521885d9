/**
 * Every output target. Synth, validate, list, secrets and the CLI's `--target` choices loop over this
 * list: a new target is one file implementing OutputTarget and one line here.
 */
import { composeTarget } from './compose';
import { kubernetesTarget } from './kubernetes';
import { operatorTarget } from './operator';
import { OutputTarget } from './target';

export { OutputTarget } from './target';

export const TARGETS: readonly OutputTarget[] = [kubernetesTarget, composeTarget, operatorTarget];

export const TARGET_NAMES: readonly string[] = TARGETS.map((t) => t.name);

export function targetNamed(name: string): OutputTarget {
  const target = TARGETS.find((t) => t.name === name);
  if (!target) throw new Error(`unknown target "${name}": one of ${TARGET_NAMES.join(', ')}`);
  return target;
}

/** The target whose output a directory holds, if any. */
export function targetOfDir(dir: string): OutputTarget | undefined {
  return TARGETS.find((t) => t.recognizes(dir));
}
