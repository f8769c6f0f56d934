import type { Distribution } from '../types.js';

/**
 * The stored form of a distribution: label name → probability, for every label.
 *
 * @example toDistribution(['ham', 'spam'], Float64Array.of(0.25, 0.75)) // { ham: 0.25, spam: 0.75 }
 * Complexity: O(labels).
 */
export function toDistribution(
  labels: readonly string[],
  probabilities: Float64Array,
): Distribution {
  const out: Distribution = {};
  labels.forEach((label, i) => {
    out[label] = probabilities[i] ?? 0;
  });
  return out;
}
