import { HiloError } from '../errors.js';
import type { Rng } from '../rng.js';

export interface BootstrapOptions {
  /** Number of items the statistic is computed over. */
  readonly n: number;
  /**
   * The statistic of a sample given as item indices (with repetitions). The array is reused
   * between calls: read it, do not keep it.
   */
  readonly statistic: (sample: Int32Array) => number;
  readonly rng: Rng;
  /** Number of resamples (default 1000). */
  readonly resamples?: number;
  /** Coverage of the interval (default 0.95). */
  readonly confidence?: number;
}

export interface BootstrapInterval {
  /** The statistic on the items themselves. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
  /** Resamples whose statistic was finite (the others, e.g. a ratio 0/0, are left out). */
  readonly resamples: number;
}

/**
 * Percentile bootstrap interval of any statistic over items: draw n indices with replacement,
 * recompute the statistic, and take the (1−c)/2 and (1+c)/2 quantiles of the draws (linear
 * interpolation between order statistics, as numpy's default). Resamples whose statistic is not
 * finite are dropped; when none is left the bounds are NaN.
 * @example
 * const correct = [1, 0, 1, 1];
 * bootstrapInterval({ n: 4, rng: createRng(7), statistic: (s) => s.reduce((a, i) => a + correct[i]!, 0) / s.length });
 * Complexity: O(resamples × (n + cost of the statistic) + resamples log resamples).
 * @throws HiloError INVALID_INPUT for n < 1, resamples < 1 or confidence outside (0, 1).
 */
export function bootstrapInterval(options: BootstrapOptions): BootstrapInterval {
  const { n, statistic, rng } = options;
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(n) || n < 1) {
    throw new HiloError('INVALID_INPUT', `bootstrap needs at least one item, got n = ${n}`);
  }
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new HiloError('INVALID_INPUT', `resamples must be a positive integer, got ${resamples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new HiloError('INVALID_INPUT', `confidence must be in (0, 1), got ${confidence}`);
  }
  const sample = new Int32Array(n);
  for (let i = 0; i < n; i++) sample[i] = i;
  const estimate = statistic(sample);

  const draws = new Float64Array(resamples);
  let kept = 0;
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) sample[i] = rng.int(n);
    const value = statistic(sample);
    if (Number.isFinite(value)) draws[kept++] = value;
  }
  const sorted = draws.subarray(0, kept).sort();
  const tail = (1 - confidence) / 2;
  return {
    estimate,
    lower: quantile(sorted, tail),
    upper: quantile(sorted, 1 - tail),
    confidence,
    resamples: kept,
  };
}

/**
 * Quantile q of ascending values by linear interpolation (numpy `method="linear"`); NaN if empty.
 * @example quantile(Float64Array.of(1, 2, 3, 4), 0.5) // 2.5
 * Complexity: O(1).
 */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const low = sorted[below] as number;
  return low + (position - below) * ((sorted[above] as number) - low);
}
