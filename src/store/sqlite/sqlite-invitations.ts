import type Database from 'better-sqlite3';
import type {
  NewInvitation,
  RedeemRequest,
  RedeemResult,
} from '../../core/ports/invitation-store.js';

/** The invitation writes, each a `db.transaction` function (a savepoint in a group commit). */
export interface SqliteInvitations {
  readonly create: (invitation: NewInvitation) => void;
  readonly redeem: (request: RedeemRequest) => RedeemResult;
}

/**
 * Prepared statements for single-use invitations on a better-sqlite3 connection. Each function
 * runs synchronously, so nothing interleaves between taking an invitation and opening its session.
 * @example const invitations = sqliteInvitations(db); invitations.redeem({ tokenHash, now, session })
 * Complexity: a few statements by key.
 */
export function sqliteInvitations(db: Database.Database): SqliteInvitations {
  const revoke = db.prepare('delete from invitations where annotator_id = ? and used_at is null');
  const insert = db.prepare(
    `insert into invitations (token_hash, annotator_id, created_at, expires_at, used_at)
     values (?, ?, ?, ?, null)`,
  );
  const take = db.prepare(
    `update invitations set used_at = ?
     where token_hash = ? and used_at is null and expires_at > ? returning annotator_id`,
  );
  const find = db.prepare('select used_at from invitations where token_hash = ?');
  const openSession = db.prepare(
    'insert into sessions (token_hash, annotator_id, expires_at) values (?, ?, ?)',
  );
  return {
    create: db.transaction((i: NewInvitation) => {
      revoke.run(i.annotatorId);
      insert.run(i.tokenHash, i.annotatorId, i.createdAt, i.expiresAt);
    }),
    redeem: db.transaction((r: RedeemRequest): RedeemResult => {
      const taken = take.get(r.now, r.tokenHash, r.now) as { annotator_id: string } | undefined;
      if (taken !== undefined) {
        openSession.run(r.session.tokenHash, taken.annotator_id, r.session.expiresAt);
        return { status: 'redeemed', annotatorId: taken.annotator_id };
      }
      const row = find.get(r.tokenHash) as { used_at: string | null } | undefined;
      return { status: row === undefined ? 'unknown' : row.used_at !== null ? 'used' : 'expired' };
    }),
  };
}
