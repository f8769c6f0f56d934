import { HiloError } from '../errors.js';

/**
 * Options of `candidateThresholds`: the scores to take quantiles of, the least coverage worth
 * testing, how many candidates.
 * @example candidateThresholds({ reference: poolConfidence, minCoverage: 0.2, steps: 40 })
 */
export interface CandidateThresholdOptions {
  /**
   * Scores that carry no gold labels, usually the pool's: candidates are quantiles of these,
   * so the candidate list does not depend on the gold outcomes it will be tested on.
   */
  readonly reference: ArrayLike<number>;
  /** Strictest coverage to start from (share of reference items accepted), in (0, 1]. */
  readonly minCoverage: number;
  /** Number of coverage steps from minCoverage to 1 (default 50). */
  readonly steps?: number;
}

/**
 * Candidate acceptance thresholds at evenly spaced coverages of the reference scores, from
 * `minCoverage` up to 1, strictest first and without duplicates.
 * @example candidateThresholds({ reference: poolConfidence, minCoverage: 0.2, steps: 40 })
 * Complexity: O(r log r) for r reference scores.
 */
export function candidateThresholds(options: CandidateThresholdOptions): Float64Array {
  const { minCoverage } = options;
  const steps = Math.max(1, Math.floor(options.steps ?? 50));
  if (!(minCoverage > 0 && minCoverage <= 1)) {
    throw new HiloError('INVALID_INPUT', `minimum coverage must be in (0, 1], got ${minCoverage}`);
  }
  const sorted = Float64Array.from(options.reference).sort().reverse();
  const r = sorted.length;
  if (r === 0) return new Float64Array(0);
  const out: number[] = [];
  for (let s = 0; s <= steps; s++) {
    const coverage = minCoverage + ((1 - minCoverage) * s) / steps;
    // The small slack keeps 0.6000000000000001 × 100 from rounding up to the 61st item.
    const index = Math.min(r - 1, Math.max(0, Math.ceil(coverage * r - 1e-9) - 1));
    const t = sorted[index] as number;
    if (out.length === 0 || t < (out[out.length - 1] as number)) out.push(t);
  }
  return Float64Array.from(out);
}

/**
 * The fewest accepted gold items that could ever certify the target: even with all of them
 * right, the p-value target^n must reach delta, so n ≥ ln δ / ln target.
 * @example minimumTestableAccepted(0.97, 0.05) // 99
 * Complexity: O(1).
 */
export function minimumTestableAccepted(target: number, delta: number): number {
  return Math.ceil(Math.log(delta) / Math.log(target));
}

/**
 * A strictest coverage for the candidate list that gives the first test a fair chance: about
 * `factor` (default 2) times the minimum testable number of accepted gold items. Starting
 * stricter wastes the fixed sequence on thresholds too thin to pass; starting looser gives up
 * the strict thresholds. Depends only on the gold set's size, not its outcomes.
 * @example suggestedMinCoverage({ goldSize: 500, target: 0.97, delta: 0.05 }) // 0.396
 * Complexity: O(1).
 */
export function suggestedMinCoverage(options: {
  readonly goldSize: number;
  readonly target: number;
  readonly delta: number;
  readonly factor?: number;
}): number {
  const needed = (options.factor ?? 2) * minimumTestableAccepted(options.target, options.delta);
  return options.goldSize > 0 ? Math.min(1, needed / options.goldSize) : 1;
}
