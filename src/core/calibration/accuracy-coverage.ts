/**
 * The accuracy–coverage curve: what accepting the k most confident answers would give.
 * @example const { coverage, accuracy } = accuracyCoverageCurve(confidence, correct)
 */
export interface AccuracyCoverageCurve {
  /** Confidence cut-offs, descending: point j accepts every item with confidence ≥ threshold[j]. */
  readonly threshold: Float64Array;
  /** Share of items accepted at each cut-off. */
  readonly coverage: Float64Array;
  /** Share of accepted items that are right at each cut-off. */
  readonly accuracy: Float64Array;
  /** Number of accepted items at each cut-off. */
  readonly accepted: Int32Array;
}

/**
 * Accuracy of the accepted items against coverage, one point per distinct confidence (ties are
 * accepted together, as a threshold would).
 * @example accuracyCoverageCurve([0.9, 0.8, 0.8], [1, 0, 1]).accuracy // [1, 0.6667]
 * Complexity: O(n log n).
 */
export function accuracyCoverageCurve(
  confidence: ArrayLike<number>,
  correct: ArrayLike<number>,
): AccuracyCoverageCurve {
  const n = confidence.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (confidence[j] as number) - (confidence[i] as number),
  );
  const threshold: number[] = [];
  const coverage: number[] = [];
  const accuracy: number[] = [];
  const accepted: number[] = [];
  let right = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    right += correct[i] as number;
    const next = order[r + 1];
    if (next !== undefined && confidence[next] === confidence[i]) continue;
    threshold.push(confidence[i] as number);
    coverage.push((r + 1) / n);
    accuracy.push(right / (r + 1));
    accepted.push(r + 1);
  }
  return {
    threshold: Float64Array.from(threshold),
    coverage: Float64Array.from(coverage),
    accuracy: Float64Array.from(accuracy),
    accepted: Int32Array.from(accepted),
  };
}
