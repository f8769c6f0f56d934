import { HiloError } from '../errors.js';
import type { Rng } from '../rng.js';

/**
 * Single noisy labels from a multi-annotator set: each item's label is replaced, with
 * probability 1 − agreement (the share of its annotators who gave the majority label), by
 * another class drawn uniformly. An item everybody agreed on keeps its label; a contested one
 * often does not — the way one annotator's label would behave.
 * @example corruptLabels({ classes, agreement, classCount: 3, rng: createRng(1) })
 * Complexity: O(n).
 * @throws HiloError INVALID_INPUT on mismatched lengths or an agreement outside [0, 1].
 */
export function corruptLabels(options: {
  readonly classes: Int32Array;
  readonly agreement: ArrayLike<number>;
  readonly classCount: number;
  readonly rng: Rng;
}): Int32Array {
  const { classes, agreement, classCount: K, rng } = options;
  if (agreement.length !== classes.length) {
    throw new HiloError(
      'INVALID_INPUT',
      `${classes.length} labels but ${agreement.length} agreement values`,
    );
  }
  return Int32Array.from(classes, (truth, i) => {
    const a = agreement[i] as number;
    if (!(a >= 0 && a <= 1))
      throw new HiloError('INVALID_INPUT', `item ${i}: agreement ${a} is not in [0, 1]`);
    if (rng.next() >= 1 - a) return truth;
    const other = rng.int(K - 1);
    return other >= truth ? other + 1 : other;
  });
}
