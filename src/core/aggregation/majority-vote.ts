import type { AggregationOptions, AggregationResult } from './aggregation-types.js';
import { checkGold } from './clamp-gold.js';
import type { VoteMatrix } from './vote-matrix.js';
import { weightedVote } from './weighted-vote.js';

/**
 * Majority vote: the class with the most (weighted) votes; soft votes add their probability
 * vector. Ties are broken at random with `options.seed`. Posteriors are the vote shares;
 * `skills.ability` is each annotator's agreement with the result.
 * @example majorityVote(matrix, { seed: 1 }).labels;
 * Complexity: O(votes + items × K).
 */
export function majorityVote(
  matrix: VoteMatrix,
  options: AggregationOptions = {},
): AggregationResult {
  const K = matrix.numClasses;
  checkGold(options.gold, matrix.numItems, K);
  const vote = weightedVote(matrix, {
    ...(options.gold ? { gold: options.gold } : {}),
    seed: options.seed ?? 0,
  });
  return {
    method: 'majority-vote',
    labels: vote.labels,
    posteriors: vote.posteriors,
    classPriors: new Float64Array(K).fill(1 / K),
    skills: { ability: vote.agreement, confusion: null },
    iterations: 1,
    converged: true,
    logLikelihood: null,
    itemDifficulty: null,
  };
}
