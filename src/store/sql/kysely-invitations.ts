import type { Kysely } from 'kysely';
import type {
  NewInvitation,
  RedeemRequest,
  RedeemResult,
} from '../../core/ports/invitation-store.js';
import type { StoreDatabase } from './store-database.js';

type Db = Kysely<StoreDatabase>;

/**
 * Stores an invitation after deleting the person's unused ones; run it in a transaction.
 * @example await trx.transaction().execute((trx) => insertInvitation(trx, invitation))
 * Complexity: one indexed delete, one insert.
 */
export async function insertInvitation(trx: Db, invitation: NewInvitation): Promise<void> {
  await trx
    .deleteFrom('invitations')
    .where('annotator_id', '=', invitation.annotatorId)
    .where('used_at', 'is', null)
    .execute();
  await trx
    .insertInto('invitations')
    .values({
      token_hash: invitation.tokenHash,
      annotator_id: invitation.annotatorId,
      created_at: invitation.createdAt,
      expires_at: invitation.expiresAt,
      used_at: null,
    })
    .execute();
}

/**
 * Marks the invitation used and opens its session, or says why not; run it in a transaction.
 * The conditional update is what makes a second, concurrent redemption find nothing to take.
 * @example const result = await db.transaction().execute((trx) => redeemInvitationIn(trx, request))
 * Complexity: one update by key, then one insert or one read by key.
 */
export async function redeemInvitationIn(trx: Db, request: RedeemRequest): Promise<RedeemResult> {
  const taken = await trx
    .updateTable('invitations')
    .set({ used_at: request.now })
    .where('token_hash', '=', request.tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', request.now)
    .returning('annotator_id')
    .executeTakeFirst();
  if (taken !== undefined) {
    await trx
      .insertInto('sessions')
      .values({
        token_hash: request.session.tokenHash,
        annotator_id: taken.annotator_id,
        expires_at: request.session.expiresAt,
      })
      .execute();
    return { status: 'redeemed', annotatorId: taken.annotator_id };
  }
  const row = await trx
    .selectFrom('invitations')
    .select('used_at')
    .where('token_hash', '=', request.tokenHash)
    .executeTakeFirst();
  return { status: row === undefined ? 'unknown' : row.used_at !== null ? 'used' : 'expired' };
}
