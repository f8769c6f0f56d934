import { sql, type Kysely } from 'kysely';
import type { Assignment, LeaseRequest } from '../../core/ports/people-store.js';
import { pickPreferred } from './kysely-answer-checks.js';
import { rowToAssignment } from './people-store-rows.js';
import type { StoreDatabase } from './store-database.js';
import type { StoreDialect } from './store-dialect.js';

type Db = Kysely<StoreDatabase>;

/**
 * One lease in a transaction: expired leases are freed, then the best open entry is chosen (a
 * control of the wanted gold label, an item of a preferred label, else the first in lease order)
 * and leased. Throws {@link LeaseTaken} when a concurrent lease gave this person the item first.
 * @example await db.transaction().execute((trx) => leaseOnce(trx, 'postgres', request))
 * Complexity: three or four statements; the choice walks the queue index in priority order.
 */
export async function leaseOnce(
  trx: Db,
  dialect: StoreDialect,
  request: LeaseRequest,
): Promise<Assignment | undefined> {
  await expireLeases(trx, request.now);
  const chosen =
    (request.goldLabel !== undefined
      ? await pick(trx, dialect, request, request.goldLabel)
      : undefined) ??
    (await pickPreferred(trx, dialect, request)) ??
    (await pick(trx, dialect, request, undefined));
  if (chosen === undefined) return undefined;
  await trx
    .updateTable('queue')
    .set((eb) => ({ taken: eb('taken', '+', 1) }))
    .where('item_id', '=', chosen)
    .execute();
  const row = {
    item_id: chosen,
    annotator_id: request.annotatorId,
    kind: request.kind,
    leased_at: request.now,
    expires_at: request.expiresAt,
    state: 'leased',
    vote_id: null,
  };
  const written = await trx
    .insertInto('assignments')
    .values(row)
    // Only an exam item whose lease to this person expired is leased to them again.
    .onConflict((oc) =>
      oc
        .columns(['item_id', 'annotator_id'])
        .doUpdateSet({
          kind: row.kind,
          leased_at: row.leased_at,
          expires_at: row.expires_at,
          state: row.state,
          vote_id: null,
        })
        .where('assignments.state', '=', 'expired')
        .where('assignments.kind', '=', 'exam'),
    )
    .executeTakeFirst();
  if (Number(written.numInsertedOrUpdatedRows ?? 0n) === 0) throw new LeaseTaken();
  return rowToAssignment(row);
}

async function pick(
  trx: Db,
  dialect: StoreDialect,
  request: LeaseRequest,
  goldLabel: string | undefined,
): Promise<string | undefined> {
  let query = trx
    .selectFrom('queue as q')
    .select('q.item_id')
    .where('q.kind', '=', request.kind)
    .whereRef('q.taken', '<', 'q.overlap')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('assignments as a')
            .select('a.item_id')
            .whereRef('a.item_id', '=', 'q.item_id')
            .where('a.annotator_id', '=', request.annotatorId)
            // The exam needs every item: one whose lease expired unanswered is open again.
            .$if(request.kind === 'exam', (qb) => qb.where('a.state', '!=', 'expired')),
        ),
      ),
    )
    .$if(goldLabel !== undefined, (qb) => qb.where('q.gold_label', '=', goldLabel ?? ''))
    .orderBy('q.priority', 'desc')
    .orderBy('q.item_id')
    .limit(1);
  if (dialect === 'postgres') query = query.forUpdate().skipLocked();
  return (await query.executeTakeFirst())?.item_id;
}

/** A concurrent lease gave this person the chosen item first; the transaction is retried. */
export class LeaseTaken extends Error {}

/** Marks leases past their expiry expired and frees their places in the queue. */
async function expireLeases(trx: Db, now: string): Promise<void> {
  const expired = await trx
    .updateTable('assignments')
    .set({ state: 'expired' })
    .where('state', '=', 'leased')
    .where('expires_at', '<=', now)
    .returning('item_id')
    .execute();
  if (expired.length > 0)
    await changeTaken(
      trx,
      expired.map((row) => row.item_id),
      -1,
    );
}

/** Moves the count of places taken of each item by `delta`. */
export async function changeTaken(
  trx: Db,
  itemIds: readonly string[],
  delta: number,
): Promise<void> {
  for (const itemId of itemIds) {
    await trx
      .updateTable('queue')
      .set({ taken: sql<number>`taken + ${delta}` })
      .where('item_id', '=', itemId)
      .execute();
  }
}
