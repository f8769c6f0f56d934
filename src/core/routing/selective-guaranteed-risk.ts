import { binomialUpperTail, clopperPearsonLower } from './clopper-pearson.js';
import { checkEvidence, type ThresholdEvidence, type ThresholdTest } from './learn-then-test.js';

/**
 * A visited threshold with its one-sided lower bound at the per-test level.
 * @example selectiveGuaranteedRisk(evidence).tests.map((t) => t.lowerBound)
 */
export interface SgrTest extends ThresholdTest {
  readonly lowerBound: number;
}

/**
 * What `selectiveGuaranteedRisk` returns: the threshold (null when none met the target), the level
 * of each test, the tests.
 * @example const { threshold, levelPerTest } = selectiveGuaranteedRisk({ scores, correct, target: 0.95, delta: 0.05 })
 */
export interface SgrSelection {
  /** The loosest threshold whose bound met the target; null when none did. */
  readonly threshold: number | null;
  /** Level each of the ⌈log2 n⌉ tests was run at: delta / ⌈log2 n⌉. */
  readonly levelPerTest: number;
  /** The thresholds visited by the binary search, in order. */
  readonly tests: readonly SgrTest[];
}

/**
 * Selection with guaranteed risk (Geifman & El-Yaniv, 2017): a binary search over the gold
 * items ranked by score for the largest coverage whose one-sided Clopper–Pearson lower bound
 * on accuracy meets the target. Each of the k = ⌈log2 n⌉ steps is tested at delta / k, so a
 * union bound covers every threshold the search can visit; thresholds are gold scores, so no
 * candidate list is needed. Usually less powerful than fixed-sequence testing, but it needs no
 * reference scores.
 * @example selectiveGuaranteedRisk({ scores, correct, target: 0.95, delta: 0.05 }).threshold
 * Complexity: O(n log n) for the sort, plus ⌈log2 n⌉ passes and bound evaluations.
 */
export function selectiveGuaranteedRisk(input: ThresholdEvidence): SgrSelection {
  checkEvidence(input);
  const { scores, correct, target, delta } = input;
  const n = scores.length;
  const steps = Math.max(1, Math.ceil(Math.log2(Math.max(2, n))));
  const level = delta / steps;
  // Scores high to low (a native numeric sort: no comparator, no index array).
  const sorted = Float64Array.from(scores).sort().reverse();
  const tests: SgrTest[] = [];
  let passing = 0;
  let failing = n + 1;
  let chosen: number | null = null;
  for (let step = 0; step < steps && failing - passing > 1; step++) {
    const mid = Math.floor((passing + failing) / 2);
    const threshold = sorted[mid - 1] as number;
    // One pass per step (⌈log2 n⌉ steps): counts every item tied with the mid-th as well.
    let m = 0;
    let k = 0;
    for (let i = 0; i < n; i++) {
      if ((scores[i] as number) >= threshold) {
        m++;
        k += correct[i] as number;
      }
    }
    const lowerBound = clopperPearsonLower(k, m, level);
    const passed = lowerBound >= target;
    tests.push({
      threshold,
      accepted: m,
      correct: k,
      pValue: binomialUpperTail(k, m, target),
      lowerBound,
      certified: passed,
    });
    if (passed) {
      passing = mid;
      chosen = threshold;
    } else failing = mid;
  }
  return { threshold: chosen, levelPerTest: level, tests };
}
