import { minimumTestableAccepted } from './candidate-thresholds.js';
import { binomialUpperTail } from './clopper-pearson.js';

/**
 * Where the fixed sequence starts, and why: the coverage of the pool its strictest candidate
 * accepts, with the predicted chance that the first test passes there.
 * @example const start = sequenceStart({ pool, goldScores, target: 0.85, delta: 0.05 }); start.coverage
 */
export interface SequenceStart {
  /** Share of the pool the strictest candidate accepts, in (0, 1]. */
  readonly coverage: number;
  /** The threshold at that coverage (a pool quantile). */
  readonly threshold: number;
  /** Gold items it accepts (counted on their scores alone). */
  readonly goldAccepted: number;
  /** Accuracy the pool's calibrated confidence predicts there, errors inflated. */
  readonly predictedAccuracy: number;
  /** Predicted probability that the test there rejects (its power); 0 when it cannot. */
  readonly power: number;
}

/**
 * Input of `sequenceStart`. Only scores enter: the pool's calibrated confidence and the gold
 * items' scores, never whether a gold label was right.
 * @example sequenceStart({ pool: poolConfidence, goldScores, target: 0.9, delta: 0.05, margin: 0.01 })
 */
export interface SequenceStartInput {
  /** Calibrated confidence of the pool items (the probability the machine's label is right). */
  readonly pool: ArrayLike<number>;
  /** The gold items' scores on the same scale. */
  readonly goldScores: ArrayLike<number>;
  readonly target: number;
  readonly delta: number;
  /**
   * The predicted error rate is multiplied by this, against optimistic calibration (default
   * 1.2: 5% predicted errors are taken as 6%). A factor, not a fixed margin, so a 99% target
   * stays reachable where the confidence says 99.9%.
   */
  readonly errorInflation?: number;
  /** Number of coverages examined (default 100). */
  readonly grid?: number;
  /**
   * Gold counts are multiplied by this (default 1): where the sequence would start with this
   * many times as much gold drawn the same way (the gold-needed estimate asks this).
   */
  readonly goldScale?: number;
}

/**
 * The least number of right labels among m accepted that rejects "accuracy < target" at level
 * delta; null when even m of m would not.
 * @example rejectingCount(30, 0.85, 0.05) // 29
 * Complexity: O(log m) incomplete-beta evaluations.
 */
export function rejectingCount(m: number, target: number, delta: number): number | null {
  if (m <= 0 || binomialUpperTail(m, m, target) > delta) return null;
  let lo = 0; // fails (the p-value of 0 right is 1)
  let hi = m; // passes
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (binomialUpperTail(mid, m, target) <= delta) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Predicted power of the one-sided exact binomial test with m accepted gold items whose true
 * accuracy is p: P(Bin(m, p) ≥ the rejecting count).
 * @example predictedPower(100, 0.93, 0.85, 0.05) // ≈ 0.9
 * Complexity: O(log m) incomplete-beta evaluations.
 */
export function predictedPower(m: number, p: number, target: number, delta: number): number {
  const k = rejectingCount(m, target, delta);
  if (k === null) return 0;
  return binomialUpperTail(k, m, Math.min(1, Math.max(0, p)));
}

/**
 * Chooses where fixed-sequence testing starts. Starting at the strictest few items throws the
 * whole test away when one of them is wrong; starting too loose gives up thresholds that would
 * pass. For an even grid of pool coverages this predicts the accuracy of the accepted items from
 * the pool's calibrated confidence (their mean, errors inflated by `errorInflation`) and counts
 * the gold items the
 * threshold accepts; the start is the coverage where the first test is likeliest to pass (the
 * strictest among ties). No gold outcome is read, so the sequence keeps its guarantee; with a
 * calibrator fitted on the same gold, the start depends on the gold only through that fit.
 * When no coverage is predicted to pass, it starts where gold could first be enough (twice the
 * fewest accepted gold items that could pass), as it did before.
 * @example sequenceStart({ pool: poolConfidence, goldScores, target: 0.85, delta: 0.05 }).coverage
 * Complexity: O((p + n) log(p + n) + g log n) for g grid points, plus O(g log n) beta evaluations.
 */
export function sequenceStart(input: SequenceStartInput): SequenceStart {
  return sequenceStartByScale(input)(input.goldScale ?? 1);
}

/**
 * `sequenceStart` for any gold scale, sorting the scores once: what the gold-needed estimate
 * probes with ever more gold.
 * @example const startWith = sequenceStartByScale({ pool, goldScores, target: 0.9, delta: 0.05 }); startWith(4).coverage
 * Complexity: O((p + n) log(p + n)) once, then O(g log n) plus O(g log n) beta evaluations per call.
 */
export function sequenceStartByScale(
  input: Omit<SequenceStartInput, 'goldScale'>,
): (goldScale: number) => SequenceStart {
  const { target, delta } = input;
  const inflation = input.errorInflation ?? 1.2;
  const grid = Math.max(1, Math.floor(input.grid ?? 100));
  const pool = Float64Array.from(input.pool).sort().reverse();
  const gold = Float64Array.from(input.goldScores).sort().reverse();
  const r = pool.length;
  const prefix = new Float64Array(r + 1);
  for (let i = 0; i < r; i++) prefix[i + 1] = (prefix[i] as number) + (pool[i] as number);
  /** The start at a pool coverage; its power computed unless given. */
  const at = (coverage: number, scale: number, power: number | null): SequenceStart => {
    const index = Math.min(r - 1, Math.max(0, Math.ceil(coverage * r - 1e-9) - 1));
    const threshold = pool[index] as number;
    // Every pool item tied with the threshold is accepted too.
    let end = index + 1;
    while (end < r && (pool[end] as number) >= threshold) end++;
    const m = Math.round(countAtLeast(gold, threshold) * scale);
    const predictedAccuracy = 1 - inflation * (1 - (prefix[end] as number) / end);
    // Where the predicted accuracy is not above target the test passes at most a delta of
    // the time: never a start worth having, and not worth the beta evaluations.
    const predicted =
      power ??
      (predictedAccuracy > target ? predictedPower(m, predictedAccuracy, target, delta) : 0);
    return { coverage: end / r, threshold, goldAccepted: m, predictedAccuracy, power: predicted };
  };
  return (scale) => {
    let best: SequenceStart | null = null;
    for (let g = 1; g <= grid && r > 0; g++) {
      const here = at(g / grid, scale, null);
      if (best === null || here.power > best.power) best = here;
    }
    if (best === null) {
      return {
        coverage: 1,
        threshold: Number.NaN,
        goldAccepted: 0,
        predictedAccuracy: Number.NaN,
        power: 0,
      };
    }
    if (best.power > 0) return best;
    // Nothing is predicted to pass: start where the gold could first be enough (twice the fewest
    // accepted items that could pass), the rule before this one; all of it when gold is small.
    const needed = 2 * minimumTestableAccepted(target, delta);
    return at(Math.min(1, needed / Math.max(1, gold.length * scale)), scale, 0);
  };
}

/**
 * Items of a descending array that are ≥ t.
 * @example countAtLeast(Float64Array.of(0.9, 0.7, 0.2), 0.7) // 2
 * Complexity: O(log n).
 */
export function countAtLeast(descending: Float64Array, t: number): number {
  let lo = 0;
  let hi = descending.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((descending[mid] as number) >= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
