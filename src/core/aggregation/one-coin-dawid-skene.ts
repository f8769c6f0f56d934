import type { AggregationResult } from './aggregation-types.js';
import { runConfusionEm } from './confusion-em.js';
import { confusionResult } from './confusion-result.js';
import { resolveDawidSkeneOptions, type DawidSkeneOptions } from './dawid-skene.js';
import type { VoteMatrix } from './vote-matrix.js';
import { voteShares } from './vote-shares.js';

/**
 * One-coin Dawid-Skene: each annotator is right with probability p_a whatever the class, and
 * spreads mistakes evenly over the other K − 1 classes. The M-step is
 * p_a = (expected correct + K·s) / (expected votes + K²·s), the same pseudo-counts as the full
 * model with smoothing `s` summed over the matrix. Options as {@link dawidSkene} (shrinkage is
 * ignored: one number per annotator needs none). `skills.ability` is p_a.
 * @example oneCoinDawidSkene(matrix).skills.ability;
 * Complexity: O((K × votes + annotators × K²) × sweeps).
 */
export function oneCoinDawidSkene(
  matrix: VoteMatrix,
  options: DawidSkeneOptions = {},
): AggregationResult {
  const resolved = resolveDawidSkeneOptions(matrix, options);
  const K = matrix.numClasses;
  const ability = new Float64Array(matrix.numAnnotators);
  const s = resolved.smoothing;
  const fitAnnotators = (counts: Float64Array, conf: Float64Array): void => {
    for (let a = 0; a < matrix.numAnnotators; a++) {
      const base = a * K * K;
      let correct = 0;
      let total = 0;
      for (let c = 0; c < K * K; c++) total += counts[base + c] as number;
      for (let k = 0; k < K; k++) correct += counts[base + k * K + k] as number;
      const denominator = total + K * K * s;
      const p = denominator > 0 ? (correct + K * s) / denominator : 1 / K;
      ability[a] = p;
      const wrong = (1 - p) / (K - 1);
      for (let c = 0; c < K * K; c++) conf[base + c] = wrong;
      for (let k = 0; k < K; k++) conf[base + k * K + k] = p;
    }
  };
  const em = runConfusionEm(
    {
      matrix,
      fitAnnotators,
      priors: resolved.priors,
      gold: resolved.gold,
      tolerance: resolved.tolerance,
      maxIterations: resolved.maxIterations,
    },
    { posteriors: options.initialPosteriors ?? voteShares(matrix) },
  );
  return confusionResult(matrix, em, {
    method: 'one-coin-dawid-skene',
    seed: resolved.seed,
    ability,
  });
}
