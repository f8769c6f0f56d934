import { peopleConfig, type PeopleContext } from './people-context.js';
import { itemPosterior } from './item-posterior.js';

/** Accuracy assumed for a person without control answers yet. */
const PRIOR_ACCURACY = 0.8;

/**
 * Dynamic overlap after a task answer: once the item's current overlap is answered, an
 * overlap-zone item whose posterior (machine vote as prior, people as one-coin voters) is below
 * the target gets one more person, up to the maximum; at the maximum, people who still disagree
 * send it to review.
 * @example await adjustOverlap(ctx, 'item-7') // 'raised'
 * Complexity: reads the item's votes, O(votes × labels).
 */
export async function adjustOverlap(
  ctx: PeopleContext,
  itemId: string,
): Promise<'raised' | 'review' | 'settled' | 'waiting'> {
  const { store } = ctx;
  const settings = peopleConfig(ctx.project);
  const entry = await store.people.getQueueEntry(itemId);
  if (entry === undefined || entry.kind !== 'task') return 'settled';
  const votes = await store.listVotes({ itemIds: [itemId] });
  const human = votes.filter((v) => v.source.startsWith('human:'));
  if (human.length < entry.overlap) return 'waiting';
  const distinct = new Set(human.map((v) => v.label));
  if (entry.zone !== 'overlap') {
    if (distinct.size > 1) await store.people.setReviewReason([itemId], 'votes disagree');
    return distinct.size > 1 ? 'review' : 'settled';
  }
  const machine = votes
    .filter((v) => !v.source.startsWith('human:') && v.probabilities !== null)
    .at(-1);
  const accuracies = new Map<string, number>();
  for (const vote of human) {
    const annotator = await store.people.getAnnotator(vote.source.slice('human:'.length));
    // Laplace-smoothed control accuracy, pulled toward the prior while there are few controls.
    const acc =
      annotator === undefined
        ? PRIOR_ACCURACY
        : (annotator.controlsCorrect + 4 * PRIOR_ACCURACY) / (annotator.controlsSeen + 4);
    accuracies.set(vote.source, annotator?.discounted === true ? 0.5 : acc);
  }
  const labels = ctx.project.labels.map((l) => l.name);
  const posterior = itemPosterior(
    labels,
    machine?.probabilities ?? null,
    human,
    (s) => accuracies.get(s) ?? PRIOR_ACCURACY,
  );
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
