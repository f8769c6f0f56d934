import type { Clock, StoreWithPeople } from '../../core/ports/index.js';
import type { DuplicatesFound } from './find-duplicates.js';
import { shareDuplicateDecisions } from './share-decisions.js';

export interface ApplyDuplicatesReport {
  /** Items now marked as duplicates (the marks of an earlier run are replaced). */
  readonly marked: number;
  /** Marked items taken out of the people queue. */
  readonly dequeued: number;
  /** Marked items that got their representative's decision. */
  readonly shared: number;
}

/**
 * Stores the marks found (replacing earlier ones), closes the people-queue entries of marked
 * items (overlap 0: nobody is asked for them, answers already given stay), and shares each
 * representative's decision with its duplicates. Marked items are then skipped by the first
 * pass (`duplicates: false`), so they are not paid for.
 * @example await applyDuplicates({ store, clock }, found) // { marked: 40, dequeued: 3, shared: 38 }
 * Complexity: O(marks).
 */
export async function applyDuplicates(
  context: { readonly store: StoreWithPeople; readonly clock: Clock },
  found: Pick<DuplicatesFound, 'marks'>,
): Promise<ApplyDuplicatesReport> {
  const { store, clock } = context;
  await store.replaceDuplicates(found.marks);
  let dequeued = 0;
  for (const mark of found.marks) {
    const entry = await store.people.getQueueEntry(mark.itemId);
    if (entry?.kind === 'task' && entry.overlap > 0) {
      await store.people.setOverlap(mark.itemId, 0);
      dequeued += 1;
    }
  }
  const shared = await shareDuplicateDecisions({ store, clock });
  return { marked: found.marks.length, dequeued, shared };
}
