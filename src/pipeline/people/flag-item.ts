import { HiloError } from '../../core/errors.js';
import type { Annotator } from '../../core/ports/people-store.js';
import { isoAt, type PeopleContext } from './people-context.js';

/** Longest comment kept, in characters (as the API's flag body allows). */
const MAX_COMMENT_LENGTH = 1000;

/**
 * An annotator flags an item they were given, with a comment: the comment is stored and a task
 * goes to review with the reason "flagged: <comment>". A control or exam item keeps its comment
 * but does not go to review (its gold label decides it, and a reviewer cannot overrule gold); the
 * answer is the same either way, so a flag never tells a control from a task. INVALID_INPUT for
 * an empty or too long comment, CONFLICT when the item was never given to this person.
 * @example await flagItem(ctx, annotator, { itemId: 'a', comment: 'Two languages in one text' })
 * Complexity: a few statements.
 */
export async function flagItem(
  ctx: PeopleContext,
  annotator: Annotator,
  input: { readonly itemId: string; readonly comment: string },
): Promise<void> {
  if (annotator.state === 'suspended')
    throw new HiloError('CONFLICT', `suspended: ${annotator.suspendedReason ?? ''}`);
  const text = input.comment.trim().replace(/\s+/g, ' ');
  if (text === '' || text.length > MAX_COMMENT_LENGTH)
    throw new HiloError('INVALID_INPUT', `a comment needs 1 to ${MAX_COMMENT_LENGTH} characters`, {
      field: 'comment',
    });
  const { store } = ctx;
  const given = await store.people.listAssignments({
    annotatorId: annotator.id,
    itemId: input.itemId,
  });
  if (given.length === 0)
    throw new HiloError('CONFLICT', `item "${input.itemId}" was not given to you`);
  await store.people.addComment({
    itemId: input.itemId,
    annotatorId: annotator.id,
    text,
    createdAt: isoAt(ctx.clock),
  });
  const entry = await store.people.getQueueEntry(input.itemId);
  if (entry?.kind === 'task')
    await store.people.setReviewReason([input.itemId], `flagged: ${text}`);
}
