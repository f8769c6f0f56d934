import { cohenKappa, type KappaWeights } from '../agreement/cohen-kappa.js';

/**
 * Options of `ratingKappa`: the number of scale levels and the disagreement weights.
 * @example ratingKappa(a, b, { numLevels: 5, weights: 'linear' })
 */
export interface RatingKappaOptions {
  readonly numLevels: number;
  /** Default 'quadratic': a disagreement of d levels weighs d². 'linear' weighs d. */
  readonly weights?: KappaWeights;
}

/**
 * Weighted Cohen's κ between two raters on an ordered scale: `a[i]`, `b[i]` are levels
 * 0..K−1, −1 when missing (the item is skipped). Quadratic weights by default, the usual
 * agreement figure for ratings. NaN when no item is paired or chance disagreement is 0.
 * @example ratingKappa(Int32Array.of(0, 1, 2, 3), Int32Array.of(0, 2, 2, 3), { numLevels: 4 }); // 0.9
 * Complexity: O(items + K²).
 */
export function ratingKappa(a: Int32Array, b: Int32Array, options: RatingKappaOptions): number {
  return cohenKappa(a, b, {
    numClasses: options.numLevels,
    weights: options.weights ?? 'quadratic',
  });
}
