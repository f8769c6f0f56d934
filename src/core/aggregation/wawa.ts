import type { AggregationOptions, AggregationResult } from './aggregation-types.js';
import { majorityVote } from './majority-vote.js';
import type { VoteMatrix } from './vote-matrix.js';
import { weightedVote } from './weighted-vote.js';

/**
 * Wawa (worker agreement with aggregate): majority vote, then each annotator's skill is their
 * agreement with it, then a majority vote weighted by skill. Gold items count as known labels
 * when skills are measured. `skills.ability` is the weight each annotator got.
 * @example wawa(matrix).labels;
 * Complexity: O(votes + items × K).
 */
export function wawa(matrix: VoteMatrix, options: AggregationOptions = {}): AggregationResult {
  const first = majorityVote(matrix, options);
  const skill = first.skills.ability;
  const vote = weightedVote(matrix, {
    skill,
    ...(options.gold ? { gold: options.gold } : {}),
    seed: (options.seed ?? 0) + 1,
  });
  return {
    ...first,
    method: 'wawa',
    labels: vote.labels,
    posteriors: vote.posteriors,
    skills: { ability: skill, confusion: null },
  };
}
