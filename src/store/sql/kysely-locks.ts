import { sql, type Kysely } from 'kysely';
import type { HeldLock, LockRequest } from '../../core/ports/lock-store.js';
import type { LocksTable, StoreDatabase } from './store-database.js';

/**
 * Takes a named lock in one statement: an insert that, when the name is taken, overwrites the row
 * only if it has lapsed or is the owner's own (`since` kept on a renewal). The returned row says
 * who holds it now; when the statement changed nothing, the holder is read back.
 * @example const held = await acquireLockRow(db, { name: 'learn', owner, holder, now, expiresAt })
 * Complexity: one upsert on the primary key, plus one read when the lock is someone else's.
 */
export async function acquireLockRow(
  db: Kysely<StoreDatabase>,
  request: LockRequest,
): Promise<HeldLock> {
  const { name, owner, holder, now, expiresAt } = request;
  const taken = await db
    .insertInto('locks')
    .values({ name, owner, holder, since: now, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({
          owner,
          holder,
          since: sql<string>`case when locks.owner = ${owner} then locks.since else ${now} end`,
          expires_at: expiresAt,
        })
        .where((eb) => eb.or([eb('locks.expires_at', '<=', now), eb('locks.owner', '=', owner)])),
    )
    .returningAll()
    .executeTakeFirst();
  if (taken !== undefined) return rowToLock(taken);
  const held = await selectLockRow(db, name);
  // The holder released it between the two statements: the lock is free, so try again.
  return held ?? acquireLockRow(db, request);
}

/**
 * Moves the expiry of the owner's lock; false when the owner holds it no longer.
 * @example await renewLockRow(db, 'learn', owner, expiresAt) // true
 * Complexity: one update on the primary key.
 */
export async function renewLockRow(
  db: Kysely<StoreDatabase>,
  name: string,
  owner: string,
  expiresAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable('locks')
    .set({ expires_at: expiresAt })
    .where('name', '=', name)
    .where('owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Deletes the lock if the owner holds it.
 * @example await releaseLockRow(db, 'learn', owner)
 * Complexity: one delete on the primary key.
 */
export async function releaseLockRow(
  db: Kysely<StoreDatabase>,
  name: string,
  owner: string,
): Promise<void> {
  await db.deleteFrom('locks').where('name', '=', name).where('owner', '=', owner).execute();
}

/**
 * The stored lock, lapsed or not.
 * @example const held = await selectLockRow(db, 'learn')
 * Complexity: one read on the primary key.
 */
export async function selectLockRow(
  db: Kysely<StoreDatabase>,
  name: string,
): Promise<HeldLock | undefined> {
  const row = await db.selectFrom('locks').selectAll().where('name', '=', name).executeTakeFirst();
  return row === undefined ? undefined : rowToLock(row);
}

function rowToLock(row: LocksTable): HeldLock {
  return {
    name: row.name,
    owner: row.owner,
    holder: row.holder,
    since: row.since,
    expiresAt: row.expires_at,
  };
}
