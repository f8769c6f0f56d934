import { HiloError } from '../../core/errors.js';
import type { Annotator } from '../../core/ports/people-store.js';
import type { ServedItem } from './next-item.js';
import { humanSource, isoAt, peopleConfig, type PeopleContext } from './people-context.js';

/**
 * Takes back the annotator's answer on an item: its vote is deleted, the lease re-opened, and a
 * control answer leaves their control record; returns the item to show again.
 * @example const again = await undoAnswer(ctx, annotator, 'item-7')
 * Complexity: a few statements.
 */
export async function undoAnswer(
  ctx: PeopleContext,
  annotator: Annotator,
  itemId: string,
): Promise<ServedItem> {
  if (annotator.state === 'suspended')
    throw new HiloError('CONFLICT', `suspended: ${annotator.suspendedReason ?? ''}`);
  const { store } = ctx;
  const assignment = await store.people.getAssignment(itemId, annotator.id);
  const vote = (await store.listVotes({ itemIds: [itemId], source: humanSource(annotator.id) })).at(
    -1,
  );
  const expiresAt = isoAt(ctx.clock, peopleConfig(ctx.project).leaseMinutes * 60_000);
  await store.people.reopenAssignment(itemId, annotator.id, expiresAt);
  const item = await store.getItem(itemId);
  if (assignment?.kind === 'control' && vote !== undefined && item?.goldLabel != null) {
    await store.people.updateAnnotator(annotator.id, {
      controlsSeen: Math.max(0, annotator.controlsSeen - 1),
      controlsCorrect: Math.max(
        0,
        annotator.controlsCorrect - (vote.label === item.goldLabel ? 1 : 0),
      ),
    });
  }
  const fields: Record<string, unknown> = {};
  for (const name of ctx.project.fields) fields[name] = item?.fields[name] ?? null;
  return { itemId, fields, expiresAt, exam: assignment?.kind === 'exam' };
}
