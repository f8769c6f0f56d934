import { HiloError } from '../errors.js';

/**
 * The expected level of a distribution over the scale: Σ k·p_k / Σ p_k. It minimises the
 * expected squared error; it is a fraction, not a level.
 * @example scaleMean(Float64Array.of(0.1, 0.2, 0.7)); // 1.6
 * Complexity: O(K).
 */
export function scaleMean(probabilities: ArrayLike<number>): number {
  const total = checkDistribution(probabilities);
  let sum = 0;
  for (let k = 0; k < probabilities.length; k++) sum += k * (probabilities[k] as number);
  return sum / total;
}

/**
 * The posterior median of a distribution over the scale: the lowest level m whose cumulative
 * probability reaches 1/2. It minimises the expected absolute error (the MAE a prediction pays).
 * When the cumulative probability is exactly 1/2 at m, every level from m to the next level with
 * mass is equally good and the lowest, m, is returned.
 * @example scaleMedian(Float64Array.of(0.3, 0.1, 0.6)); // 2
 * Complexity: O(K).
 */
export function scaleMedian(probabilities: ArrayLike<number>): number {
  const total = checkDistribution(probabilities);
  const half = total / 2;
  const tolerance = total * 1e-12;
  let cumulative = 0;
  for (let k = 0; k < probabilities.length; k++) {
    cumulative += probabilities[k] as number;
    if (cumulative >= half - tolerance) return k;
  }
  return probabilities.length - 1;
}

/**
 * Checks that `probabilities` is a distribution over at least 2 levels (entries finite and
 * ≥ 0, positive sum) and returns its sum; callers divide by it, so unnormalised weights work.
 * @example checkDistribution([1, 3]); // 4
 * Complexity: O(K).
 */
export function checkDistribution(probabilities: ArrayLike<number>): number {
  if (probabilities.length < 2) {
    throw new HiloError('INVALID_INPUT', 'a scale needs at least 2 levels');
  }
  let total = 0;
  for (let k = 0; k < probabilities.length; k++) {
    const p = probabilities[k] as number;
    if (!(p >= 0) || !Number.isFinite(p)) {
      throw new HiloError('INVALID_INPUT', `probability ${p} of level ${k} is not finite and ≥ 0`);
    }
    total += p;
  }
  if (!(total > 0)) throw new HiloError('INVALID_INPUT', 'probabilities sum to 0');
  return total;
}
