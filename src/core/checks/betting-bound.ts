/**
 * Waudby-Smith–Ramdas betting bounds on a mean of bounded, independent draws: a gambler bets
 * against each candidate mean with predictable stakes, and a mean is ruled out once the capital
 * against it reaches 1/alpha (Ville's inequality keeps the error at alpha, at every sample size).
 */
import { HiloError } from '../errors.js';

/** How the stakes are set; `twoSided` uses log(2/alpha) in the stake as the PAC Labels code does. */
export interface BettingOptions {
  /** Stake cap as a share of the most a bet can lose (0.75 in Waudby-Smith–Ramdas). */
  readonly cap?: number;
  readonly twoSided?: boolean;
}

function stakes(x: ArrayLike<number>, alpha: number, twoSided: boolean): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  let sum = 0;
  let sumSq = 0.25;
  const log = Math.log((twoSided ? 2 : 1) / alpha);
  for (let t = 0; t < n; t++) {
    const variance = sumSq / (t + 1);
    out[t] = Math.sqrt((2 * log) / (n * variance));
    const v = x[t] as number;
    sum += v;
    const mean = (0.5 + sum) / (t + 2);
    sumSq += (v - mean) * (v - mean);
  }
  return out;
}

function rejectsAbove(
  x: ArrayLike<number>,
  lambda: Float64Array,
  m: number,
  alpha: number,
  cap: number,
): boolean {
  const threshold = Math.log(1 / alpha);
  const limit = cap / (1 - m);
  let logCapital = 0;
  for (let t = 0; t < x.length; t++) {
    const l = Math.min(lambda[t] as number, limit);
    logCapital += Math.log1p(-l * ((x[t] as number) - m));
    if (logCapital >= threshold) return true;
  }
  return false;
}

function checkInput(x: ArrayLike<number>, alpha: number): void {
  if (!(alpha > 0 && alpha < 1))
    throw new HiloError('INVALID_INPUT', `error level must be in (0, 1), got ${alpha}`);
  for (let t = 0; t < x.length; t++) {
    const v = x[t] as number;
    if (!(v >= 0 && v <= 1))
      throw new HiloError('INVALID_INPUT', `betting bounds need values in [0, 1], got ${v}`);
  }
}

/**
 * Whether the betting test rules out every mean ≥ m (so the upper bound is below m).
 * @example bettingRejectsAbove(new Float64Array(500), 0.05, 0.05) // true: 500 zeros rule out a 5% mean
 * Complexity: O(n).
 */
export function bettingRejectsAbove(
  x: ArrayLike<number>,
  m: number,
  alpha: number,
  options: BettingOptions = {},
): boolean {
  checkInput(x, alpha);
  if (m >= 1) return false;
  if (m <= 0) return false;
  return rejectsAbove(
    x,
    stakes(x, alpha, options.twoSided ?? false),
    m,
    alpha,
    options.cap ?? 0.75,
  );
}

/**
 * Upper confidence bound on the mean of values in [0, 1] at confidence 1 − alpha.
 * @example bettingUpper(new Float64Array(500), 0.05) // ≈ 0.006
 * Complexity: O(n · 40).
 */
export function bettingUpper(
  x: ArrayLike<number>,
  alpha: number,
  options: BettingOptions = {},
): number {
  checkInput(x, alpha);
  const lambda = stakes(x, alpha, options.twoSided ?? false);
  const cap = options.cap ?? 0.75;
  let lo = 0;
  for (let t = 0; t < x.length; t++) lo += x[t] as number;
  lo = x.length > 0 ? lo / x.length : 0;
  let hi = 1;
  if (!rejectsAbove(x, lambda, 1 - 1e-9, alpha, cap)) return 1;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (rejectsAbove(x, lambda, mid, alpha, cap)) hi = mid;
    else lo = mid;
  }
  return hi;
}
