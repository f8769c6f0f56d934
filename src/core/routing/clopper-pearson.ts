import { HiloError } from '../errors.js';
import { inverseRegularizedBeta, regularizedBeta } from './incomplete-beta.js';

/**
 * A point estimate with a confidence interval.
 * @example const { estimate, lower, upper } = clopperPearson(95, 100)
 */
export interface Interval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

function checkCounts(k: number, n: number): void {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
    throw new HiloError(
      'INVALID_INPUT',
      `binomial counts must be integers with 0 ≤ k ≤ n (k=${k}, n=${n})`,
    );
  }
}

function checkLevel(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) {
    throw new HiloError('INVALID_INPUT', `error level must be in (0, 1), got ${alpha}`);
  }
}

/**
 * Exact two-sided Clopper–Pearson interval for a binomial proportion at confidence 1 − alpha.
 * With n = 0 the interval is [0, 1] and the estimate NaN.
 * @example clopperPearson(95, 100, 0.05) // { estimate: 0.95, lower: 0.8872, upper: 0.9836 }
 * Complexity: O(log(1/ε)) incomplete-beta evaluations.
 */
export function clopperPearson(k: number, n: number, alpha = 0.05): Interval {
  checkCounts(k, n);
  checkLevel(alpha);
  if (n === 0) return { estimate: Number.NaN, lower: 0, upper: 1 };
  const lower = k === 0 ? 0 : inverseRegularizedBeta(alpha / 2, k, n - k + 1);
  const upper = k === n ? 1 : inverseRegularizedBeta(1 - alpha / 2, k + 1, n - k);
  return { estimate: k / n, lower, upper };
}

/**
 * One-sided Clopper–Pearson lower bound: with probability ≥ 1 − delta the true proportion is at
 * least this. Equals the p where P(Bin(n, p) ≥ k) = delta.
 * @example clopperPearsonLower(99, 99, 0.05) // ≈ 0.9702
 * Complexity: O(log(1/ε)) incomplete-beta evaluations.
 */
export function clopperPearsonLower(k: number, n: number, delta = 0.05): number {
  checkCounts(k, n);
  checkLevel(delta);
  if (k === 0) return 0;
  return inverseRegularizedBeta(delta, k, n - k + 1);
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p): the exact p-value of "the proportion is at most p" after
 * seeing k successes in n. Valid (super-uniform) for every true proportion ≤ p.
 * @example binomialUpperTail(10, 10, 0.9) // 0.3486784401 (= 0.9^10)
 * Complexity: one incomplete-beta evaluation.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  checkCounts(k, n);
  if (k === 0) return 1;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return regularizedBeta(p, k, n - k + 1);
}
