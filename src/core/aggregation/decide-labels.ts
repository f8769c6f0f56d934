import type { Rng } from '../rng.js';

/** Probabilities closer than this (relative) count as a tie. */
const TIE = 1e-12;

/**
 * The argmax class of every posterior row; exact ties are broken uniformly at random with the
 * given generator, so results are reproducible for a seed.
 * @example decideLabels(Float64Array.of(0.5, 0.5, 0.9, 0.1), 2, createRng(0)); // [0 or 1, 0]
 * Complexity: O(items × K).
 */
export function decideLabels(posteriors: Float64Array, K: number, rng: Rng): Int32Array {
  const numItems = posteriors.length / K;
  const labels = new Int32Array(numItems);
  for (let i = 0; i < numItems; i++) {
    const base = i * K;
    let best = 0;
    let bestValue = posteriors[base] as number;
    let ties = 1;
    for (let k = 1; k < K; k++) {
      const p = posteriors[base + k] as number;
      if (p > bestValue * (1 + TIE) + TIE) {
        best = k;
        bestValue = p;
        ties = 1;
      } else if (p >= bestValue * (1 - TIE) - TIE) {
        // Reservoir choice among the tied classes keeps every tied class equally likely.
        ties++;
        if (rng.int(ties) === 0) best = k;
        if (p > bestValue) bestValue = p;
      }
    }
    labels[i] = best;
  }
  return labels;
}
