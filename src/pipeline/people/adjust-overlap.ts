import { readPeopleCrowd } from './crowd-votes.js';
import { itemPosterior } from './item-posterior.js';
import { peopleConfig, type PeopleContext } from './people-context.js';

/**
 * Dynamic overlap after a task answer: once the item's current overlap is answered, an
 * overlap-zone item whose posterior is below the target gets one more person, up to the
 * maximum; at the maximum, people who still disagree send it to review. The posterior reads the
 * item's votes (people, and machine labellers as soft votes) through each annotator's
 * Dawid-Skene confusion matrix from `ctx.crowd`, the project's cached fit; discounted people
 * count for nothing. Without `ctx.crowd` it fits the project's votes on the spot (tests, CLI).
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
  ctx.crowd?.noteAnswers(1);
  const votes = await store.listVotes({ itemIds: [itemId] });
  const human = votes.filter((v) => v.source.startsWith('human:'));
  if (human.length < entry.overlap) return 'waiting';
  const distinct = new Set(human.map((v) => v.label));
  if (entry.zone !== 'overlap') {
    if (distinct.size > 1) await store.people.setReviewReason([itemId], 'votes disagree');
    return distinct.size > 1 ? 'review' : 'settled';
  }
  const crowd = await (ctx.crowd?.current() ??
    readPeopleCrowd({ store, labels: ctx.project.labels.map((l) => l.name) }));
  const ignored = new Set<string>();
  for (const source of new Set(human.map((v) => v.source))) {
    const annotator = await store.people.getAnnotator(source.slice('human:'.length));
    if (annotator?.discounted === true) ignored.add(source);
  }
  const posterior = itemPosterior(crowd, votes, ignored);
  const best = Math.max(...Object.values(posterior));
  if (best >= settings.targetPosterior) return 'settled';
  if (entry.overlap < settings.overlap.max) {
    await store.people.setOverlap(itemId, entry.overlap + 1);
    return 'raised';
  }
  if (distinct.size > 1) {
    await store.people.setReviewReason([itemId], 'votes disagree');
    return 'review';
  }
  return 'settled';
}
