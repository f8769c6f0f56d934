import { humanVote, oneHot } from '../../core/human-vote.js';
import { HiloError } from '../../core/errors.js';
import type { Annotator } from '../../core/ports/people-store.js';
import type { Decision, Distribution, Fields, Vote } from '../../core/types.js';
import { canReplaceDecision } from '../items/index.js';
import { humanSource, isoAt, type PeopleContext } from './people-context.js';

/** An item waiting for a reviewer, with everything needed to settle it. */
export interface ReviewItem {
  readonly itemId: string;
  readonly fields: Fields;
  readonly reason: string;
  readonly votes: readonly Pick<Vote, 'source' | 'label' | 'timeSpentMs'>[];
  /** The machine's (or the current decision's) distribution, if any. */
  readonly machine: Distribution | null;
}

/**
 * Items whose votes disagree or on which a rule fired, with all votes and the machine's view.
 * @example const items = await listReviewItems(ctx)
 * Complexity: O(review items × their votes).
 */
export async function listReviewItems(ctx: PeopleContext): Promise<ReviewItem[]> {
  const { store } = ctx;
  const entries = await store.people.listQueue({ underReview: true });
  const ids = entries.map((e) => e.itemId);
  const items = new Map((await store.listItems({ ids })).map((i) => [i.id, i]));
  const votes = await store.listVotes({ itemIds: ids });
  const decisions = new Map(
    (await store.listDecisions({ itemIds: ids })).map((d) => [d.itemId, d]),
  );
  return entries.map((entry) => {
    const mine = votes.filter((v) => v.itemId === entry.itemId);
    const machine =
      mine.filter((v) => !v.source.startsWith('human:')).at(-1)?.probabilities ??
      decisions.get(entry.itemId)?.probabilities ??
      null;
    return {
      itemId: entry.itemId,
      fields: items.get(entry.itemId)?.fields ?? {},
      reason: entry.reviewReason ?? '',
      votes: mine.map((v) => ({ source: v.source, label: v.label, timeSpentMs: v.timeSpentMs })),
      machine,
    };
  });
}

/**
 * A reviewer settles an item: their label becomes the decision (`reviewer` outranks every
 * aggregate; only gold outranks it), their vote is stored, and the item leaves review.
 * @example await settleReview(ctx, reviewer, { itemId: 'a', label: 'spam' })
 * Complexity: a few statements.
 */
export async function settleReview(
  ctx: PeopleContext,
  reviewer: Annotator,
  input: { itemId: string; label: string },
): Promise<Decision> {
  const { store } = ctx;
  if (!ctx.project.labels.some((l) => l.name === input.label)) {
    throw new HiloError('INVALID_INPUT', `label "${input.label}" is not in the label set`, {
      field: 'label',
    });
  }
  const existing = (await store.listDecisions({ itemIds: [input.itemId] }))[0];
  if (!canReplaceDecision(existing, 'reviewer')) {
    throw new HiloError('CONFLICT', `item "${input.itemId}" has a gold label`);
  }
  const now = isoAt(ctx.clock);
  const probabilities: Distribution = oneHot(
    ctx.project.labels.map((l) => l.name),
    input.label,
  );
  const [voteId] = await store.addVotes([
    humanVote({
      itemId: input.itemId,
      source: humanSource(reviewer.id),
      label: input.label,
      probabilities,
      rationale: 'review',
      createdAt: now,
    }),
  ]);
  const decision: Decision = {
    itemId: input.itemId,
    label: input.label,
    confidence: 1,
    probabilities,
    decidedBy: 'reviewer',
    source: humanSource(reviewer.id),
    voteIds: voteId === undefined ? [] : [voteId],
    zone: existing?.zone ?? null,
    updatedAt: now,
  };
  await store.putDecisions([decision]);
  await store.people.setReviewReason([input.itemId], null);
  return decision;
}
