import { aggregate, type AggregateOptions } from './aggregate.js';
import type { AggregationResult } from './aggregation-types.js';
import type { PerLabelVotes } from './per-label-votes.js';

/**
 * What {@link aggregatePerLabel} gives: one yes-probability per item and label, and each
 * question's own fit.
 * @example const { yes } = aggregatePerLabel(votes, { method: 'recommended' }); yes[i * L + l] // P(label l applies to item i)
 */
export interface PerLabelAggregation {
  /** `items × L`: P(label applies) under the question's posterior. */
  readonly yes: Float64Array;
  /** Per label, the aggregator's result on its yes/no question. */
  readonly results: readonly AggregationResult[];
  /** Per annotator (the order of `PerLabelVotes.annotators`): the mean ability over labels. */
  readonly ability: Float64Array;
}

/**
 * Runs one aggregator on each label's yes/no question (Dawid-Skene per label by default), each
 * annotator with a 2 × 2 confusion matrix per label, and gathers the yes-posteriors. `gold`
 * gives per item the trusted set (label indices) or null; gold items are clamped on every
 * question.
 * @example aggregatePerLabel(perLabelVoteMatrices(votes, { numLabels: 3 }), { method: 'recommended', seed: 0 }, gold)
 * Complexity: L × the method's cost on one binary question.
 */
export function aggregatePerLabel(
  votes: PerLabelVotes,
  options: Omit<AggregateOptions, 'gold'>,
  gold: readonly (readonly number[] | null)[] = [],
): PerLabelAggregation {
  const L = votes.perLabel.length;
  const n = votes.items.length;
  const yes = new Float64Array(n * L);
  const ability = new Float64Array(votes.annotators.length);
  const results: AggregationResult[] = [];
  votes.perLabel.forEach((built, l) => {
    const clamp = Int32Array.from({ length: n }, (_, i) => {
      const set = gold[i];
      return set ? (set.includes(l) ? 1 : 0) : -1;
    });
    const result = aggregate(built.matrix, { ...options, gold: clamp } as AggregateOptions);
    results.push(result);
    for (let i = 0; i < n; i++) yes[i * L + l] = result.posteriors[i * 2 + 1] as number;
    votes.annotators.forEach((_, a) => {
      ability[a]! += (result.skills.ability[a] as number) / L;
    });
  });
  return { yes, results, ability };
}
