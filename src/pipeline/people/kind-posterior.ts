import { decideItem, probabilityRow, taskShapeOf } from '../../core/task-kind/index.js';
import type { Distribution, Vote } from '../../core/types.js';
import { readPeopleCrowd } from './crowd-votes.js';
import { itemPosterior } from './item-posterior.js';
import { labelSetItemPosterior, readLabelSetCrowd } from './label-set-snapshot.js';
import type { PeopleContext } from './people-context.js';

/** An item's answer from its votes, in the project's kind. */
export interface KindPosterior {
  /** The decided label, verdict, level, or multi-label set code. */
  readonly label: string;
  /** The probability it is right under the project's measure (see `decideItem`). */
  readonly confidence: number;
  /**
   * A distribution over the labels (single-choice kinds); for multi-label one P(applies) per
   * label.
   */
  readonly probabilities: Distribution;
}

/**
 * An item's posterior from its votes, in the project's kind: for the single-choice kinds the
 * crowd's Dawid-Skene posterior over the labels (`itemPosterior`), decided by `decideItem` (for
 * `rating.measure: within-k` the level whose ±k window holds the most mass, with that mass); for
 * multi-label each label's P(applies) from the yes/no crowd (`labelSetItemPosterior`), decided
 * as the most probable set within the bounds with its exact-set probability (or, for
 * `multilabel.measure: per-label`, the expected share of label decisions right). Reads the
 * served model of the kind (`ctx.crowd`, `ctx.labelSets`), else fits the project's votes.
 * @example const { label, confidence } = await kindPosterior(ctx, votes, ignored)
 * Complexity: O(votes × K) with a served model.
 */
export async function kindPosterior(
  ctx: PeopleContext,
  votes: readonly Vote[],
  ignored: ReadonlySet<string>,
  view: { readonly fitted?: boolean } = {},
): Promise<KindPosterior> {
  const shape = taskShapeOf(ctx.project);
  const { store } = ctx;
  if (shape.kind === 'multilabel') {
    const crowd = await (ctx.labelSets?.current() ??
      readLabelSetCrowd({ store, labels: shape.labels }));
    const row = labelSetItemPosterior(crowd, votes, ignored);
    const probabilities: Distribution = {};
    shape.labels.forEach((label, l) => (probabilities[label] = row[l] as number));
    return { ...decideItem(shape, row), probabilities };
  }
  const crowd = await (ctx.crowd?.current() ?? readPeopleCrowd({ store, labels: shape.labels }));
  const probabilities = itemPosterior(crowd, votes, ignored, view);
  const decided = decideItem(shape, probabilityRow(shape, probabilities));
  // The posterior sums to 1: the top label's own probability, unless a ±k window is the measure.
  const window = shape.kind === 'rating' && shape.measure === 'within-k';
  const confidence = window ? decided.confidence : (probabilities[decided.label] ?? 0);
  return { label: decided.label, confidence, probabilities };
}
