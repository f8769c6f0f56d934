import type { PeopleStore, QueueEntry } from '../../core/ports/people-store.js';
import type { Suspect } from './find-suspects.js';

export interface QueueSuspectsReport {
  /** Suspects now waiting for a reviewer. */
  readonly queued: number;
  /** Suspects that were already under review for another reason (kept as they were). */
  readonly alreadyUnderReview: number;
}

/**
 * The review reason of a suspect, as reviewers read it.
 * @example suspectReason(s) // 'suspect label: given spam, model says ham (p=0.93)'
 * Complexity: O(1).
 */
export function suspectReason(suspect: Suspect): string {
  return `suspect label: given ${suspect.given}, model says ${suspect.suggested} (p=${suspect.suggestedProbability.toFixed(2)})`;
}

/**
 * Sends suspects to people review: each gets the review reason `suspectReason` gives. An item
 * already in the people queue keeps its entry (and an existing review reason); one that is not
 * gets a review-only entry (overlap 0, so no annotator is asked again — a reviewer settles it).
 * @example await queueSuspects(store.people, report.suspects) // { queued: 20, alreadyUnderReview: 0 }
 * Complexity: one queue read per suspect, one upsert, one update per suspect.
 */
export async function queueSuspects(
  people: Pick<PeopleStore, 'getQueueEntry' | 'upsertQueue' | 'setReviewReason'>,
  suspects: readonly Suspect[],
): Promise<QueueSuspectsReport> {
  const fresh: QueueEntry[] = [];
  const existing: Suspect[] = [];
  let alreadyUnderReview = 0;
  for (const suspect of suspects) {
    const entry = await people.getQueueEntry(suspect.itemId);
    if (entry === undefined) {
      fresh.push({
        itemId: suspect.itemId,
        kind: 'task',
        zone: null,
        priority: 0,
        overlap: 0,
        goldLabel: null,
        reviewReason: suspectReason(suspect),
      });
    } else if (entry.reviewReason !== null) {
      alreadyUnderReview++;
    } else {
      existing.push(suspect);
    }
  }
  if (fresh.length > 0) await people.upsertQueue(fresh);
  for (const suspect of existing) {
    await people.setReviewReason([suspect.itemId], suspectReason(suspect));
  }
  return { queued: fresh.length + existing.length, alreadyUnderReview };
}
