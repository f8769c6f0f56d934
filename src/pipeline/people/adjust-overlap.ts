import { answersDisagree } from '../../core/people-kinds/index.js';
import { taskShapeOf } from '../../core/task-kind/index.js';
import { kindPosterior } from './kind-posterior.js';
import { peopleConfig, type PeopleContext } from './people-context.js';

/**
 * Dynamic overlap after a task answer: once the item's current overlap is answered, an
 * overlap-zone item whose decided answer is less likely right than the target gets one more
 * person, up to the maximum; at the maximum, people who still disagree (`answersDisagree`:
 * different labels or sets, ratings more than k apart when measured within ±k) send it to review. The posterior (`kindPosterior`) reads the item's votes (people, and
 * machine labellers as soft votes) through each annotator's Dawid-Skene confusion matrix from
 * `ctx.crowd` (for multi-label, their yes/no rates from `ctx.labelSets`), the project's cached
 * fit, and is judged in the kind's measure: the top label, the ±k window of a rating, the exact
 * set (or per-label share) of a multi-label answer; discounted people count for nothing.
 * Without the served model it fits the project's votes on the spot (tests, CLI).
 * @example await adjustOverlap(ctx, 'item-7') // 'raised'
 * Complexity: reads the item's votes and their people, O(votes × labels) with `ctx.crowd`.
 */
export async function adjustOverlap(
  ctx: PeopleContext,
  itemId: string,
): Promise<'raised' | 'review' | 'settled' | 'waiting'> {
  const { store } = ctx;
  const settings = peopleConfig(ctx.project);
  const entry = await store.people.getQueueEntry(itemId);
  if (entry === undefined || entry.kind !== 'task') return 'settled';
  if (ctx.project.kind === 'multilabel') ctx.labelSets?.noteAnswers(1);
  else ctx.crowd?.noteAnswers(1);
  const votes = await store.listVotes({ itemIds: [itemId] });
  const human = votes.filter((v) => v.source.startsWith('human:'));
  if (human.length < entry.overlap) return 'waiting';
  const disagree = answersDisagree(
    taskShapeOf(ctx.project),
    human.map((v) => v.label),
  );
  if (entry.zone !== 'overlap') {
    if (disagree) await store.people.setReviewReason([itemId], 'votes disagree');
    return disagree ? 'review' : 'settled';
  }
  const ignored = new Set<string>();
  for (const source of new Set(human.map((v) => v.source))) {
    const annotator = await store.people.getAnnotator(source.slice('human:'.length));
    if (annotator?.discounted === true) ignored.add(source);
  }
  const { confidence } = await kindPosterior(ctx, votes, ignored);
  if (confidence >= settings.targetPosterior) return 'settled';
  if (entry.overlap < settings.overlap.max) {
    await store.people.setOverlap(itemId, entry.overlap + 1);
    return 'raised';
  }
  if (disagree) {
    await store.people.setReviewReason([itemId], 'votes disagree');
    return 'review';
  }
  return 'settled';
}
