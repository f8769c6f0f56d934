import { displayNames, sourceName } from '../../core/display-names.js';
import { humanVote } from '../../core/human-vote.js';
import { HiloError } from '../../core/errors.js';
import { answerProbabilities, canonicalAnswer } from '../../core/people-kinds/index.js';
import type { Annotator } from '../../core/ports/people-store.js';
import { taskShapeOf } from '../../core/task-kind/index.js';
import type { Decision, Distribution, Fields, Vote } from '../../core/types.js';
import { canReplaceDecision } from '../items/index.js';
import { humanSource, isoAt, type PeopleContext } from './people-context.js';
import { shownFields } from './shown-fields.js';

/** An item waiting for a reviewer, with everything needed to settle it. */
export interface ReviewItem {
  readonly itemId: string;
  /** The project's fields only: other imported columns (a `truth` column) never reach people. */
  readonly fields: Fields;
  readonly reason: string;
  /** Each vote with who cast it: a person's name (see `displayNames`), else the machine source. */
  readonly votes: readonly (Pick<Vote, 'source' | 'label' | 'timeSpentMs'> & {
    readonly name: string;
  })[];
  /** People's flags / comments on the item, oldest first. */
  readonly comments: readonly {
    readonly name: string;
    readonly text: string;
    readonly at: string;
  }[];
  /** The machine's (or the current decision's) distribution, if any. */
  readonly machine: Distribution | null;
}

/**
 * Items whose votes disagree, on which a rule fired or that a person flagged, with all votes (by
 * name), the comments and the machine's view; only the project's fields are shown.
 * @example const items = await listReviewItems(ctx)
 * Complexity: O(review items × their votes + people).
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
  const names = displayNames(await store.people.listAnnotators());
  const comments = await store.people.listComments({ itemIds: ids });
  return entries.map((entry) => {
    const mine = votes.filter((v) => v.itemId === entry.itemId);
    const machine =
      mine.filter((v) => !v.source.startsWith('human:')).at(-1)?.probabilities ??
      decisions.get(entry.itemId)?.probabilities ??
      null;
    return {
      itemId: entry.itemId,
      fields: shownFields(ctx.project, items.get(entry.itemId)?.fields ?? {}),
      reason: entry.reviewReason ?? '',
      votes: mine.map((v) => ({
        source: v.source,
        name: sourceName(v.source, names),
        label: v.label,
        timeSpentMs: v.timeSpentMs,
      })),
      comments: comments
        .filter((c) => c.itemId === entry.itemId)
        .map((c) => ({
          name: names.get(c.annotatorId) ?? c.annotatorId,
          text: c.text,
          at: c.createdAt,
        })),
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
  const shape = taskShapeOf(ctx.project);
  const label = canonicalAnswer(shape, input.label);
  const existing = (await store.listDecisions({ itemIds: [input.itemId] }))[0];
  if (!canReplaceDecision(existing, 'reviewer')) {
    throw new HiloError('CONFLICT', `item "${input.itemId}" has a gold label`);
  }
  const now = isoAt(ctx.clock);
  const probabilities: Distribution = answerProbabilities(shape, label);
  const [voteId] = await store.addVotes([
    humanVote({
      itemId: input.itemId,
      source: humanSource(reviewer.id),
      label,
      probabilities,
      rationale: 'review',
      createdAt: now,
    }),
  ]);
  const decision: Decision = {
    itemId: input.itemId,
    label,
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
