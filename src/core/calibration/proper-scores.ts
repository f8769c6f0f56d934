/**
 * Proper scoring rules over full distributions: they reward both being right and saying how
 * sure one is.
 */

/**
 * Multiclass Brier score: mean over items of Σ_k (p_k − [y = k])², from 0 (perfect) to 2.
 * @example brierScore(new Float64Array([0.8, 0.2]), [0], 2) // 0.08
 * Complexity: O(nK).
 */
export function brierScore(
  probabilities: Float64Array,
  labels: ArrayLike<number>,
  K: number,
): number {
  const n = labels.length;
  if (n === 0) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i] as number;
    for (let k = 0; k < K; k++) {
      const d = (probabilities[i * K + k] as number) - (k === y ? 1 : 0);
      total += d * d;
    }
  }
  return total / n;
}

/**
 * Mean negative log-likelihood of the gold labels, −(1/n) Σ ln p_y, with p_y clipped to at
 * least `floor` (default 1e-12) so one confident mistake costs about 27.6 nats, not infinity.
 * @example negativeLogLikelihood(new Float64Array([0.5, 0.5]), [1], 2) // 0.6931
 * Complexity: O(n).
 */
export function negativeLogLikelihood(
  probabilities: Float64Array,
  labels: ArrayLike<number>,
  K: number,
  floor = 1e-12,
): number {
  const n = labels.length;
  if (n === 0) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i * K + (labels[i] as number)] as number;
    total -= Math.log(Math.max(floor, Math.min(1, p)));
  }
  return total / n;
}
