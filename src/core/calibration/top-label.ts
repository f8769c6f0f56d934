/**
 * The machine's answer read off a row of probabilities: its label, how sure it is, and whether
 * it was right. Every top-label calibrator and metric works on these.
 */

/**
 * Per-item top label, its probability, and (when labels are known) whether it was right.
 * @example const { confidence, correct } = topLabelOutcomes(probabilities, labels, K); expectedCalibrationError({ confidence, correct })
 */
export interface TopLabelOutcomes {
  /** Index of the most probable label (lowest index on ties). */
  readonly predicted: Int32Array;
  /** Probability of the predicted label. */
  readonly confidence: Float64Array;
  /** 1 when the predicted label equals the gold label, else 0. */
  readonly correct: Uint8Array;
}

/**
 * Top label and its probability for every row of an n×K matrix (row-major).
 * @example topLabel(new Float64Array([0.2, 0.8, 0.6, 0.4]), 2) // predicted [1, 0], confidence [0.8, 0.6]
 * Complexity: O(nK).
 */
export function topLabel(
  probabilities: Float64Array,
  K: number,
): { predicted: Int32Array; confidence: Float64Array } {
  const n = Math.floor(probabilities.length / K);
  const predicted = new Int32Array(n);
  const confidence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * K;
    let best = 0;
    let bestP = probabilities[row] as number;
    for (let k = 1; k < K; k++) {
      const p = probabilities[row + k] as number;
      if (p > bestP) {
        bestP = p;
        best = k;
      }
    }
    predicted[i] = best;
    confidence[i] = bestP;
  }
  return { predicted, confidence };
}

/**
 * Top label, confidence and correctness against gold label indices.
 * @example topLabelOutcomes(new Float64Array([0.2, 0.8]), [0], 2).correct // Uint8Array [0]
 * Complexity: O(nK).
 */
export function topLabelOutcomes(
  probabilities: Float64Array,
  labels: ArrayLike<number>,
  K: number,
): TopLabelOutcomes {
  const { predicted, confidence } = topLabel(probabilities, K);
  const correct = new Uint8Array(predicted.length);
  for (let i = 0; i < predicted.length; i++) correct[i] = predicted[i] === labels[i] ? 1 : 0;
  return { predicted, confidence, correct };
}

/**
 * Rebuild full rows after a top-label calibrator changed the top probability: the predicted
 * label gets `mapped(confidence)` and the other labels are rescaled proportionally so each row
 * still sums to 1. Two guards keep the answer the machine's answer:
 * - the new top probability is floored just above the level at which the runner-up would
 *   overtake it, so the predicted label never changes (a top-label calibrator says how often
 *   the machine's label is right, not which other label to pick);
 * - a row whose other labels are all 0 spreads the remainder evenly over them.
 * @example rescaleTopLabel(new Float64Array([0.2, 0.8]), 2, () => 0.7) // [0.3, 0.7]
 * Complexity: O(nK).
 */
export function rescaleTopLabel(
  probabilities: Float64Array,
  K: number,
  mapped: (confidence: number) => number,
): Float64Array {
  const out = new Float64Array(probabilities.length);
  const n = Math.floor(probabilities.length / K);
  for (let i = 0; i < n; i++) {
    const row = i * K;
    let top = 0;
    let c = probabilities[row] as number;
    let second = 0;
    for (let k = 1; k < K; k++) {
      const p = probabilities[row + k] as number;
      if (p > c) {
        second = c;
        c = p;
        top = k;
      } else if (p > second) second = p;
    }
    if (K === 1) {
      out[row] = 1;
      continue;
    }
    // The sum of the other labels (not 1 − c) so rows that arrive unnormalised leave normalised.
    let rest = 0;
    for (let k = 0; k < K; k++) if (k !== top) rest += probabilities[row + k] as number;
    const floor = rest > 1e-15 ? second / (rest + second) : 1 / K;
    let target = mapped(c);
    if (!(target >= floor * (1 + 1e-9))) target = Math.min(1, floor * (1 + 1e-9));
    if (target > 1) target = 1;
    for (let k = 0; k < K; k++) {
      if (k === top) out[row + k] = target;
      else if (rest > 1e-15)
        out[row + k] = ((probabilities[row + k] as number) * (1 - target)) / rest;
      else out[row + k] = (1 - target) / (K - 1);
    }
  }
  return out;
}
