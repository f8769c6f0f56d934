import { HiloError } from '../errors.js';
import { checkDistribution } from './scale-distribution.js';

/**
 * The probability that the true level lies within ±k of `rating`: Σ p_j over |j − rating| ≤ k,
 * divided by Σ p. With k = 0 it is the probability that `rating` is exactly right.
 * @example withinK(Float64Array.of(0.1, 0.2, 0.4, 0.3), 1, 1); // 0.7
 * Complexity: O(K).
 */
export function withinK(probabilities: ArrayLike<number>, rating: number, k: number): number {
  const total = checkDistribution(probabilities);
  const K = probabilities.length;
  if (!Number.isInteger(rating) || rating < 0 || rating >= K) {
    throw new HiloError('INVALID_INPUT', `rating ${rating} is outside 0..${K - 1}`);
  }
  checkTolerance(k);
  let sum = 0;
  const high = Math.min(K - 1, rating + k);
  for (let j = Math.max(0, rating - k); j <= high; j++) sum += probabilities[j] as number;
  return Math.min(1, sum / total);
}

/**
 * The rating to predict when the promise is "within ±k", and that probability.
 * @example bestWithinK(Float64Array.of(0.1, 0.2, 0.4, 0.3), 1); // { rating: 2, probability: 0.9 }
 */
export interface WithinKChoice {
  readonly rating: number;
  readonly probability: number;
}

/**
 * The rating that maximises the probability of being within ±k of the true level, and that
 * probability: the window of 2k + 1 levels (cut at the scale's ends) holding the most mass.
 * Ties go to the lowest rating. With k = 0 it is the most probable level.
 * @example bestWithinK(Float64Array.of(0.1, 0.2, 0.4, 0.3), 1); // { rating: 2, probability: 0.9 }
 * Complexity: O(K) (a sliding window).
 */
export function bestWithinK(probabilities: ArrayLike<number>, k: number): WithinKChoice {
  const total = checkDistribution(probabilities);
  checkTolerance(k);
  const K = probabilities.length;
  const reach = Math.min(k, K);
  let window = 0;
  for (let j = 0; j <= Math.min(K - 1, reach); j++) window += probabilities[j] as number;
  let best = window;
  let rating = 0;
  for (let r = 1; r < K; r++) {
    if (r + reach < K) window += probabilities[r + reach] as number;
    if (r - reach - 1 >= 0) window -= probabilities[r - reach - 1] as number;
    // Sums drift by rounding as the window slides; a gain below this is a tie.
    if (window > best + total * 1e-12) {
      best = window;
      rating = r;
    }
  }
  return { rating, probability: Math.min(1, best / total) };
}

function checkTolerance(k: number): void {
  if (!Number.isInteger(k) || k < 0) {
    throw new HiloError('INVALID_INPUT', `k must be an integer ≥ 0, got ${k}`);
  }
}
