import {
  checkCalibrationData,
  clipFitted,
  type CalibrationData,
  type Calibrator,
} from './calibrator.js';
import { rescaleTopLabel, topLabelOutcomes } from './top-label.js';

/** Index of the bin of t: the number of inner edges ≤ t. O(log B). */
function binOf(edges: readonly number[], t: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A histogram-binning calibrator: the top-label probability becomes its bin's value; the other
 * labels are rescaled (`rescaleTopLabel`). `edges` are the B − 1 inner edges, ascending.
 * @example histogramCalibrator([0.7, 0.9], [0.55, 0.8, 0.97], 3).apply(probs)
 * Complexity: O(nK + n log B) per apply.
 */
export function histogramCalibrator(
  edges: readonly number[],
  values: readonly number[],
  K: number,
): Calibrator {
  return {
    method: 'histogram',
    params: { method: 'histogram', K, edges, values },
    apply: (probabilities) =>
      rescaleTopLabel(probabilities, K, (c) => values[binOf(edges, c)] as number),
  };
}

/**
 * Fits histogram binning with equal-mass bins on the top-label confidence: each bin holds
 * about n / B gold items and maps to the share of them the machine got right (kept inside
 * (0, 1) by `clipFitted`). Edges sit half-way between neighbouring confidences; bins that
 * would split equal confidences are merged, so there may be fewer than B.
 * The default B = clamp(⌊n / 30⌋, 1, 15) keeps about 30 items per bin, enough for each
 * bin's rate to be within roughly ±0.1 at 70–90% accuracy.
 * @example fitHistogramBinning({ probabilities, labels, K: 3 }, 10).params.values.length // ≤ 10
 * Complexity: O(nK + n log n).
 */
export function fitHistogramBinning(data: CalibrationData, bins?: number): Calibrator {
  const n = checkCalibrationData(data);
  const { confidence, correct } = topLabelOutcomes(data.probabilities, data.labels, data.K);
  const B = Math.max(1, Math.min(n, bins ?? Math.min(15, Math.floor(n / 30))));
  if (n === 0) return histogramCalibrator([], [0.5], data.K);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (confidence[i] as number) - (confidence[j] as number),
  );
  const edges: number[] = [];
  for (let b = 1; b < B; b++) {
    const cut = Math.floor((b * n) / B);
    const below = confidence[order[cut - 1] as number] as number;
    const above = confidence[order[cut] as number] as number;
    if (above > below) {
      const edge = 0.5 * (below + above);
      if (edges.length === 0 || edge > (edges[edges.length - 1] as number)) edges.push(edge);
    }
  }
  const right = new Float64Array(edges.length + 1);
  const count = new Float64Array(edges.length + 1);
  for (let i = 0; i < n; i++) {
    const b = binOf(edges, confidence[i] as number);
    right[b] = (right[b] as number) + (correct[i] as number);
    count[b] = (count[b] as number) + 1;
  }
  const values = Array.from(right, (r, b) => clipFitted(r / (count[b] as number), n));
  return histogramCalibrator(edges, values, data.K);
}
