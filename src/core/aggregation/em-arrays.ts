import type { VoteMatrix } from './vote-matrix.js';

/** The arrays an EM sweep reads and writes, sized for one matrix. */
export interface EmArrays {
  /** Confusion matrices, given-major (see confusion-steps.ts). */
  readonly conf: Float64Array;
  readonly logConf: Float64Array;
  readonly logPrior: Float64Array;
  /** items × K. */
  readonly posteriors: Float64Array;
  /** Expected counts for the next M-step, same layout as `conf`. */
  readonly counts: Float64Array;
  /** K class totals of the counted items, then their number. */
  readonly totals: Float64Array;
  /** 2K entries of scratch space. */
  readonly scratch: Float64Array;
}

/**
 * Allocates {@link EmArrays} for a matrix, confusion uniform, priors uniform.
 * O(items × K + annotators × K²).
 */
export function createEmArrays(matrix: VoteMatrix): EmArrays {
  const K = matrix.numClasses;
  const size = matrix.numAnnotators * K * K;
  return {
    conf: new Float64Array(size).fill(1 / K),
    logConf: new Float64Array(size).fill(-Math.log(K)),
    logPrior: new Float64Array(K).fill(-Math.log(K)),
    posteriors: new Float64Array(matrix.numItems * K).fill(1 / K),
    counts: new Float64Array(size),
    totals: new Float64Array(K + 1),
    scratch: new Float64Array(2 * K),
  };
}

/** What one fused sweep measured. */
export interface SweepOutcome {
  readonly logLikelihood: number;
  /** Mean over items of the L1 change of their posterior row. */
  readonly moved: number;
}
