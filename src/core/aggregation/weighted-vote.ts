import { createRng } from '../rng.js';
import { annotatorAccuracy } from './annotator-accuracy.js';
import { clampGold } from './clamp-gold.js';
import { decideLabels } from './decide-labels.js';
import type { VoteMatrix } from './vote-matrix.js';
import { voteShares } from './vote-shares.js';

/** The outcome of one skill-weighted vote. */
export interface WeightedVote {
  readonly labels: Int32Array;
  readonly posteriors: Float64Array;
  /** Per annotator: agreement of their votes with `labels`. */
  readonly agreement: Float64Array;
}

/**
 * A majority vote where annotator `a` counts `skill[a]` times (times their matrix weight), gold
 * items clamped, ties broken with `seed`; returns the agreement of every annotator with it.
 * @example weightedVote(matrix, { skill: Float64Array.of(1, 0.5), seed: 0 }).labels;
 * Complexity: O(votes + items × K).
 */
/** What a weighted vote uses besides the votes. */
export interface WeightedVoteOptions {
  /** Per annotator multiplier of their matrix weight; all 1 when absent. */
  readonly skill?: Float64Array;
  readonly gold?: Int32Array;
  readonly seed: number;
}

export function weightedVote(matrix: VoteMatrix, options: WeightedVoteOptions): WeightedVote {
  const { skill, gold, seed } = options;
  const posteriors = voteShares(matrix, skill);
  clampGold(posteriors, matrix.numClasses, gold);
  const labels = decideLabels(posteriors, matrix.numClasses, createRng(seed));
  return { labels, posteriors, agreement: annotatorAccuracy(matrix, labels) };
}
