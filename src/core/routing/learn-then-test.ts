import { HiloError } from '../errors.js';
import { binomialUpperTail } from './clopper-pearson.js';

/**
 * Gold evidence for choosing an acceptance threshold on a score (higher = more trusted).
 * @example selectiveGuaranteedRisk({ scores: [0.99, 0.9, 0.7], correct: [1, 1, 0], target: 0.95, delta: 0.05 })
 */
export interface ThresholdEvidence {
  /** Score of each gold item, e.g. calibrated confidence or a router's P(right). */
  readonly scores: ArrayLike<number>;
  /** 1 when the machine's label of that gold item is right. */
  readonly correct: ArrayLike<number>;
  /** Required accuracy of the accepted items, e.g. 0.97. */
  readonly target: number;
  /** Allowed probability that the promise fails, e.g. 0.05 for 95% confidence. */
  readonly delta: number;
}

/**
 * Input of `learnThenTest`: gold evidence and the candidate thresholds to test in order.
 * @example learnThenTest({ scores, correct, thresholds: Float64Array.of(0.99, 0.95, 0.9), target: 0.97, delta: 0.05 })
 */
export interface LearnThenTestInput extends ThresholdEvidence {
  /**
   * Candidate thresholds, tested from the strictest (highest) down. They must not be derived
   * from these gold items' labels (see `candidateThresholds`), or the guarantee is void.
   */
  readonly thresholds: ArrayLike<number>;
}

/**
 * The test of one candidate threshold on the gold items.
 * @example for (const t of learnThenTest(input).tests) console.log(t.threshold, t.correct, t.accepted, t.pValue)
 */
export interface ThresholdTest {
  readonly threshold: number;
  /** Gold items with score ≥ threshold. */
  readonly accepted: number;
  /** Of those, how many the machine got right. */
  readonly correct: number;
  /** Exact p-value of H0 "accuracy of accepted < target": P(Bin(accepted, target) ≥ correct). */
  readonly pValue: number;
  /** True when H0 was rejected and every stricter threshold was too. */
  readonly certified: boolean;
}

/**
 * The loosest certified threshold (null when none), and every test made on the way.
 * @example const { threshold, tests } = learnThenTest(input); tests.filter((t) => t.certified).length
 */
export interface ThresholdSelection {
  /** The loosest certified threshold; null when even the strictest candidate failed. */
  readonly threshold: number | null;
  /** Every candidate, strictest first. */
  readonly tests: readonly ThresholdTest[];
}

/**
 * Throws INVALID_INPUT unless scores and outcomes have the same length and target and delta
 * are in (0, 1).
 * @example checkEvidence({ scores, correct, target: 0.97, delta: 0.05 })
 * Complexity: O(1).
 */
export function checkEvidence(input: ThresholdEvidence): void {
  if (input.scores.length !== input.correct.length) {
    throw new HiloError(
      'INVALID_INPUT',
      `${input.scores.length} scores but ${input.correct.length} outcomes`,
    );
  }
  if (!(input.target > 0 && input.target < 1)) {
    throw new HiloError('INVALID_INPUT', `target accuracy must be in (0, 1), got ${input.target}`);
  }
  if (!(input.delta > 0 && input.delta < 1)) {
    throw new HiloError('INVALID_INPUT', `delta must be in (0, 1), got ${input.delta}`);
  }
}

/**
 * Accepted and right counts of the gold items at each threshold (thresholds descending, as
 * from `descendingThresholds`). Each item is dropped into the bucket of the strictest
 * threshold it clears and the buckets are summed, which avoids sorting the gold.
 * @example countAccepted([0.9, 0.7, 0.2], [1, 0, 1], Float64Array.of(0.8, 0.5)) // accepted [1, 2], right [1, 1]
 * Complexity: O(n log m + m).
 */
export function countAccepted(
  scores: ArrayLike<number>,
  correct: ArrayLike<number>,
  descending: Float64Array,
): { accepted: Int32Array; right: Int32Array } {
  const m = descending.length;
  const accepted = new Int32Array(m);
  const right = new Int32Array(m);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    // First index whose threshold is ≤ s (thresholds descend).
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((descending[mid] as number) <= s) hi = mid;
      else lo = mid + 1;
    }
    if (lo < m) {
      accepted[lo] = (accepted[lo] as number) + 1;
      right[lo] = (right[lo] as number) + (correct[i] as number);
    }
  }
  for (let t = 1; t < m; t++) {
    accepted[t] = (accepted[t] as number) + (accepted[t - 1] as number);
    right[t] = (right[t] as number) + (right[t - 1] as number);
  }
  return { accepted, right };
}

/**
 * Distinct thresholds, strictest first, NaN dropped.
 * @example descendingThresholds([0.5, 0.9, 0.5]) // Float64Array [0.9, 0.5]
 * Complexity: O(m log m).
 */
export function descendingThresholds(thresholds: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(thresholds)
    .filter((t) => !Number.isNaN(t))
    .sort()
    .reverse();
  return sorted.filter((t, i) => i === 0 || t !== sorted[i - 1]);
}

/**
 * Guaranteed threshold selection by fixed-sequence testing ("Learn then Test", Angelopoulos et
 * al., 2021). Candidates are tested from the strictest down; at each, H0 "the accuracy of the
 * items this threshold accepts is below target" is rejected when the exact binomial p-value is
 * ≤ delta; testing stops at the first threshold that fails, and the loosest one certified
 * before it is chosen. Because each hypothesis is only tested if all before it were rejected,
 * no correction for the number of candidates is needed: with probability ≥ 1 − delta over the
 * draw of the gold set, the chosen threshold's accepted accuracy is ≥ target (for items
 * exchangeable with the gold). Checking every threshold's own bound and taking the loosest that
 * passes does not keep this promise.
 * @example learnThenTest({ scores, correct, thresholds: candidates, target: 0.97, delta: 0.05 }).threshold
 * Complexity: O(n log m + m log m) plus m incomplete-beta evaluations for m candidates.
 */
export function learnThenTest(input: LearnThenTestInput): ThresholdSelection {
  checkEvidence(input);
  const { target, delta } = input;
  const thresholds = descendingThresholds(input.thresholds);
  const { accepted, right } = countAccepted(input.scores, input.correct, thresholds);
  const tests: ThresholdTest[] = [];
  let chosen: number | null = null;
  let stillCertifying = true;
  for (let t = 0; t < thresholds.length; t++) {
    const n = accepted[t] as number;
    const k = right[t] as number;
    const pValue = binomialUpperTail(k, n, target);
    const certified = stillCertifying && n > 0 && pValue <= delta;
    if (certified) chosen = thresholds[t] as number;
    else stillCertifying = false;
    tests.push({
      threshold: thresholds[t] as number,
      accepted: n,
      correct: k,
      pValue,
      certified,
    });
  }
  return { threshold: chosen, tests };
}
