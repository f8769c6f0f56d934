import { aggregatePerLabel } from '../../core/aggregation/aggregate-per-label.js';
import { perLabelVoteMatrices, type SetVote } from '../../core/aggregation/per-label-votes.js';
import { HiloError } from '../../core/errors.js';
import {
  decideItem,
  labelSetIndices,
  measureName,
  probabilityRow,
  type TaskShape,
} from '../../core/task-kind/index.js';
import type { Vote } from '../../core/types.js';
import { itemsById, voteFilter } from './aggregate-votes-input.js';
import { aggregateTestScore } from './aggregate-test-score.js';
import type { AggregateReport, AggregateVotesOptions } from './aggregate-votes-types.js';
import { methodOptions } from './aggregate-method-options.js';
import { storeAggregated, voteIdsByItem, type AggregatedItem } from './store-aggregated.js';

type MultilabelShape = Extract<TaskShape, { kind: 'multilabel' }>;

/**
 * Multi-label aggregation: every label is its own yes/no question. A person's set is a hard
 * yes/no vote on each label, a machine's yes-probability a soft one (the machine is one more
 * annotator, with a 2 × 2 confusion matrix per label); the chosen method (Dawid-Skene by
 * default) runs on each question with gold sets clamped; the decided set is the most probable
 * one within `minLabels..maxLabels`, stored as its set code with one yes-probability per label
 * and its confidence under the project's measure (exact set, or per-label accuracy).
 * @example await aggregateLabelSets({ store, labels, clock, method: 'recommended', shape })
 * Complexity: O(votes × L) plus L runs of the method on a binary question.
 */
export async function aggregateLabelSets(
  options: AggregateVotesOptions & { readonly shape: MultilabelShape },
): Promise<AggregateReport> {
  const { store, clock, shape } = options;
  const started = clock.now();
  const filter = await voteFilter(options);
  const votes = (await store.listVotes({})).filter(filter.keep);
  const items = await itemsById(store, [...new Set(votes.map((v) => v.itemId))]);
  const read = clock.now();
  const split = perLabelVoteMatrices(
    votes.map((v) => setVote(shape, v)),
    { numLabels: shape.labels.length },
  );
  const gold = split.items.map((id) => {
    const item = items.get(id);
    const trusted = item && (item.role === 'gold' || item.role === 'control');
    return trusted && item.goldLabel !== null
      ? labelSetIndices(item.goldLabel, shape.labels)
      : null;
  });
  const fit = aggregatePerLabel(split, methodOptions(options), gold);
  const L = shape.labels.length;
  const answers: AggregatedItem[] = split.items.map((itemId, i) => {
    const row = fit.yes.subarray(i * L, (i + 1) * L);
    const probabilities: Record<string, number> = {};
    shape.labels.forEach((label, l) => (probabilities[label] = row[l] as number));
    return { itemId, probabilities, ...decideItem(shape, row) };
  });
  const humanItems = new Set(
    votes.filter((v) => v.source.startsWith('human:')).map((v) => v.itemId),
  );
  const fitted = clock.now();
  const voteIds = voteIdsByItem(votes);
  const { decided, kept } = await storeAggregated(store, {
    answers: answers.filter((a) => humanItems.has(a.itemId)),
    voteIds: (itemId) => voteIds.get(itemId) ?? [],
    source: `aggregate:${options.method}`,
    now: new Date(clock.now()).toISOString(),
  });
  const written = clock.now();
  const counts = new Map<string, number>();
  for (const v of votes) counts.set(v.source, (counts.get(v.source) ?? 0) + 1);
  return {
    method: options.method,
    kind: 'multilabel',
    decide: 'mode',
    measure: measureName(shape),
    items: split.items.length,
    votes: votes.length,
    annotators: split.annotators.length,
    decided,
    kept,
    iterations: Math.max(0, ...fit.results.map((r) => r.iterations)),
    converged: fit.results.every((r) => r.converged),
    ...aggregateTestScore(shape, answers, items),
    skills: split.annotators.map((annotator, a) => ({
      annotator,
      votes: counts.get(annotator) ?? 0,
      ability: fit.ability[a] as number,
    })),
    dropped: filter.dropped(),
    seconds: (written - started) / 1000,
    timings: {
      readSeconds: (read - started) / 1000,
      fitSeconds: (fitted - read) / 1000,
      writeSeconds: (written - fitted) / 1000,
    },
  };
}

function setVote(shape: MultilabelShape, vote: Vote): SetVote {
  const base = { item: vote.itemId, annotator: vote.source };
  if (!vote.source.startsWith('human:') && vote.probabilities) {
    return { ...base, yes: probabilityRow(shape, vote.probabilities) };
  }
  try {
    return { ...base, set: labelSetIndices(vote.label ?? '', shape.labels) };
  } catch (error) {
    throw new HiloError(
      'INVALID_INPUT',
      `vote ${vote.id} of ${vote.source} on item ${vote.itemId}: ${(error as Error).message}`,
    );
  }
}
