import { aggregate } from '../../core/aggregation/aggregate.js';
import type { AggregationResult } from '../../core/aggregation/aggregation-types.js';
import type { BuiltVoteMatrix } from '../../core/aggregation/build-vote-matrix.js';
import { HiloError } from '../../core/errors.js';
import { scaleMedian, withinK } from '../../core/ordinal/index.js';
import { decideItem, measureName, type TaskShape } from '../../core/task-kind/index.js';
import { aggregateLabelSets } from './aggregate-label-sets.js';
import { aggregateTestScore } from './aggregate-test-score.js';
import { methodOptions } from './aggregate-method-options.js';
import type {
  AggregateDecide,
  AggregateReport,
  AggregateVotesOptions,
} from './aggregate-votes-types.js';
import { discountedSources } from './aggregate-votes-input.js';
import { columnVoteInput } from './vote-columns-input.js';
import { storeAggregated, type AggregatedItem } from './store-aggregated.js';

export type {
  AggregateDecide,
  AggregateReport,
  AggregateTimings,
  AggregateVotesOptions,
} from './aggregate-votes-types.js';

/**
 * Turns every vote into one decision per item: builds the vote matrix (people as hard votes,
 * machine labellers as soft votes with their own confusion matrix; the votes of people a rule
 * discounted dropped unless `keepDiscounted`), clamps gold items, runs the chosen aggregator and
 * stores `aggregated` decisions with the posterior for items that have at least one human vote.
 * Each kind decides in its own terms: a multi-label project runs the aggregator on every
 * label's yes/no question and decides the most probable set within the bounds; a rating takes
 * the posterior median (or, with `decide: 'mode'`, the mode or the best ±k window); classify
 * and pairwise the most probable label. Reviewer and gold decisions are never overwritten.
 * @example const report = await aggregateVotes({ store, labels, clock, method: 'recommended', shape });
 * Votes are read as columns (`readVoteColumns`) and decisions written in one transaction; the
 * report gives the seconds spent reading, fitting and writing.
 * Complexity: O(votes × L) to read plus the method's cost (× L for multi-label).
 */
export async function aggregateVotes(options: AggregateVotesOptions): Promise<AggregateReport> {
  const shape: TaskShape = options.shape ?? { kind: 'classify', labels: options.labels };
  const decide = decideRule(shape, options.decide);
  if (shape.kind === 'multilabel') return aggregateLabelSets({ ...options, shape });
  const { clock, store } = options;
  const started = clock.now();
  const input = columnVoteInput(await store.readVoteColumns(), shape.labels, {
    includeMachines: options.includeMachines ?? true,
    discounted: await discountedSources(options),
  });
  const read = clock.now();
  const { built, gold, truth } = input;
  const result = aggregate(built.matrix, methodOptions(options, gold));
  const answers = built.items.map((id, i) => answer(shape, decide, built, result, i));
  const fitted = clock.now();
  const { decided, kept } = await storeAggregated(store, {
    answers: answers.filter((_, i) => input.humanItem[i] === 1),
    voteIds: (itemId) => input.voteIdsOf(built.itemIndex.get(itemId) ?? -1),
    source:
      decide === 'median' ? `aggregate:${result.method}:median` : `aggregate:${result.method}`,
    now: new Date(clock.now()).toISOString(),
  });
  const written = clock.now();
  return {
    method: result.method,
    kind: shape.kind,
    decide,
    measure: measureName(shape),
    items: built.items.length,
    votes: built.matrix.numVotes,
    annotators: built.annotators.length,
    decided,
    kept,
    iterations: result.iterations,
    converged: result.converged,
    ...aggregateTestScore(shape, answers, truth),
    skills: built.annotators.map((annotator, a) => ({
      annotator,
      votes:
        (built.matrix.annotatorOffsets[a + 1] as number) -
        (built.matrix.annotatorOffsets[a] as number),
      ability: result.skills.ability[a] as number,
    })),
    dropped: input.dropped,
    seconds: (written - started) / 1000,
    timings: {
      readSeconds: (read - started) / 1000,
      fitSeconds: (fitted - read) / 1000,
      writeSeconds: (written - fitted) / 1000,
    },
  };
}

function decideRule(shape: TaskShape, asked: AggregateDecide | undefined): AggregateDecide {
  if (asked === 'median' && shape.kind !== 'rating') {
    throw new HiloError(
      'INVALID_INPUT',
      `the posterior median orders the levels of a rating scale; this project is kind ${shape.kind}`,
    );
  }
  return asked ?? (shape.kind === 'rating' ? 'median' : 'mode');
}

function answer(
  shape: TaskShape,
  decide: AggregateDecide,
  built: BuiltVoteMatrix,
  result: AggregationResult,
  i: number,
): AggregatedItem {
  const K = built.labels.length;
  const row = result.posteriors.subarray(i * K, (i + 1) * K);
  const probabilities: Record<string, number> = {};
  built.labels.forEach((label, k) => (probabilities[label] = row[k] as number));
  const itemId = built.items[i] as string;
  if (shape.kind === 'rating') {
    if (decide === 'mode') return { itemId, probabilities, ...decideItem(shape, row) };
    const level = scaleMedian(row);
    const confidence =
      shape.measure === 'within-k' ? withinK(row, level, shape.withinK) : (row[level] as number);
    return { itemId, probabilities, label: built.labels[level] as string, confidence };
  }
  const label = built.labels[result.labels[i] as number] as string;
  return { itemId, probabilities, label, confidence: probabilities[label] ?? 0 };
}
