import { HiloError } from '../../core/errors.js';
import type { Annotator } from '../../core/ports/people-store.js';
import { liveAggregate } from './live-aggregate.js';
import type { ServedItem } from './next-item.js';
import { isoAt, peopleConfig, type PeopleContext } from './people-context.js';

/**
 * Takes back the annotator's answer on an item: its vote is deleted and the lease re-opened;
 * returns the item to show again, without its gold label. The first answer to a control or exam
 * item stays scored (a second try changes nothing), so undo leaves the person's record as it is.
 * The item's live decision is made again from the votes left.
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
  const expiresAt = isoAt(ctx.clock, peopleConfig(ctx.project).leaseMinutes * 60_000);
  await store.people.reopenAssignment(itemId, annotator.id, expiresAt);
  await liveAggregate(ctx, itemId);
  const item = await store.getItem(itemId);
  const fields: Record<string, unknown> = {};
  for (const name of ctx.project.fields) fields[name] = item?.fields[name] ?? null;
  return { itemId, fields, expiresAt, exam: assignment?.kind === 'exam' };
}
