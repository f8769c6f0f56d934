/**
 * Exact bounds for sampling without replacement: how many wrong labels a finite population can
 * hold, given a simple random sample from it.
 */
import { HiloError } from '../errors.js';
import { logGamma } from '../routing/incomplete-beta.js';

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * P(X ≤ x) for X ~ Hypergeometric(population N, successes M, draws n).
 * @example hypergeometricCdf(0, 100, 10, 10) // ≈ 0.33
 * Complexity: O(min(x, n)).
 */
export function hypergeometricCdf(x: number, N: number, M: number, n: number): number {
  const lo = Math.max(0, n - (N - M));
  const hi = Math.min(n, M);
  if (x < lo) return 0;
  if (x >= hi) return 1;
  const logDenominator = logChoose(N, n);
  let sum = 0;
  for (let k = lo; k <= x; k++)
    sum += Math.exp(logChoose(M, k) + logChoose(N - M, n - k) - logDenominator);
  return Math.min(1, sum);
}

/**
 * The largest number of wrong items M a population of N can hold while a simple random sample of
 * n from it showing x wrong stays plausible at level alpha (P(X ≤ x | M) > alpha): an exact
 * upper confidence bound on M at confidence 1 − alpha.
 * @example hypergeometricUpper(100, 30, 0, 0.05) // 8: up to 8 wrong of 100 when 30 draws showed none
 * Complexity: O(n log N).
 */
export function hypergeometricUpper(N: number, n: number, x: number, alpha: number): number {
  if (!(Number.isInteger(N) && Number.isInteger(n) && Number.isInteger(x)))
    throw new HiloError('INVALID_INPUT', `counts must be whole numbers (N=${N}, n=${n}, x=${x})`);
  if (n < 0 || n > N || x < 0 || x > n)
    throw new HiloError('INVALID_INPUT', `need 0 ≤ x ≤ n ≤ N (N=${N}, n=${n}, x=${x})`);
  if (!(alpha > 0 && alpha < 1))
    throw new HiloError('INVALID_INPUT', `error level must be in (0, 1), got ${alpha}`);
  // The cdf falls as M grows; the bound lies in [x + (N − n), …] capped by N − (n − x).
  let lo = x;
  let hi = N - (n - x);
  if (hypergeometricCdf(x, N, hi, n) > alpha) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (hypergeometricCdf(x, N, mid, n) > alpha) lo = mid;
    else hi = mid;
  }
  return lo;
}
