import { HiloError } from '../errors.js';
import { binomialUpperTail } from './clopper-pearson.js';
import { countAccepted, descendingThresholds, type ThresholdTest } from './learn-then-test.js';

/**
 * Input of `learnThenTestEveryLabel`: one score per gold item and, for each of L labels, whether
 * the machine's yes/no decision on that label was right.
 * @example learnThenTestEveryLabel({ scores, correct, L: 3, thresholds, target: 0.97, delta: 0.05 })
 */
export interface EveryLabelInput {
  /** Score of each gold item (e.g. its least sure label's decision confidence). */
  readonly scores: ArrayLike<number>;
  /** n×L row-major 0/1: the machine's decision on label l of item i was right. */
  readonly correct: Uint8Array;
  readonly L: number;
  /** Candidate thresholds (tested strictest first); never derived from these gold labels. */
  readonly thresholds: ArrayLike<number>;
  readonly target: number;
  readonly delta: number;
}

/** One candidate's test: the worst label's counts and the largest p-value over the labels. */
export interface EveryLabelTest extends ThresholdTest {
  /** The label whose test was weakest (largest p-value). */
  readonly worstLabel: number;
}

/**
 * Fixed-sequence testing (Learn then Test) of a promise on every label at once: "among the
 * accepted items, each label's decisions are ≥ target right". At each candidate, each label's
 * exact binomial p-value is computed on the same accepted items, and the candidate's p-value is
 * the largest of them — an intersection–union test: the promise fails only when some label's
 * accuracy is under target, and that label's own test rejects with probability ≤ delta, so no
 * correction for the number of labels is needed (testing each at delta / L would also be valid,
 * and more conservative). Testing stops at the first candidate that fails.
 * @example learnThenTestEveryLabel(input).threshold // the loosest certified threshold, or null
 * Complexity: O(L · (n log m + m)) plus L·m incomplete-beta evaluations.
 */
export function learnThenTestEveryLabel(input: EveryLabelInput): {
  readonly threshold: number | null;
  readonly tests: readonly EveryLabelTest[];
} {
  const { scores, correct, L, target, delta } = input;
  const n = scores.length;
  if (correct.length !== n * L) {
    throw new HiloError('INVALID_INPUT', `${n} scores but ${correct.length / L} outcome rows`);
  }
  if (!(target > 0 && target < 1) || !(delta > 0 && delta < 1)) {
    throw new HiloError('INVALID_INPUT', 'target and delta must be in (0, 1)');
  }
  const thresholds = descendingThresholds(input.thresholds);
  const column = new Uint8Array(n);
  const perLabel = Array.from({ length: L }, (_, l) => {
    for (let i = 0; i < n; i++) column[i] = correct[i * L + l] as number;
    return countAccepted(scores, column, thresholds);
  });
  const tests: EveryLabelTest[] = [];
  let chosen: number | null = null;
  let still = true;
  for (let t = 0; t < thresholds.length; t++) {
    let worst = 0;
    let pValue = -1;
    let accepted = 0;
    let right = 0;
    for (let l = 0; l < L; l++) {
      const counts = perLabel[l] as { accepted: Int32Array; right: Int32Array };
      accepted = counts.accepted[t] as number;
      const k = counts.right[t] as number;
      const p = binomialUpperTail(k, accepted, target);
      if (p > pValue) {
        pValue = p;
        worst = l;
        right = k;
      }
    }
    const certified = still && accepted > 0 && pValue <= delta;
    if (certified) chosen = thresholds[t] as number;
    else still = false;
    tests.push({
      threshold: thresholds[t] as number,
      accepted,
      correct: right,
      pValue,
      certified,
      worstLabel: worst,
    });
  }
  return { threshold: chosen, tests };
}
