import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreWithPeople } from '../../core/ports/people-store.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T01:00:00.000Z';
const T2 = '2026-01-01T02:00:00.000Z';
const LATER = '2026-02-01T00:00:00.000Z';

const invitation = (tokenHash: string, annotatorId: string, expiresAt = T2) => ({
  tokenHash,
  annotatorId,
  createdAt: T0,
  expiresAt,
});
const redeem = (tokenHash: string, session: string, now = T1) => ({
  tokenHash,
  now,
  session: { tokenHash: session, expiresAt: LATER },
});

/**
 * The invitation part of the PeopleStore contract, run inside `describePeopleStoreContract` on
 * the store it opened (with annotators ann1..ann3) for each test.
 * @example describeInvitationStoreContract(() => store)
 */
export function describeInvitationStoreContract(current: () => StoreWithPeople): void {
  let store: StoreWithPeople;
  beforeEach(() => {
    store = current();
  });

  describe('invitations', () => {
    it('are redeemed once, opening a session; a second use answers used', async () => {
      const people = store.people;
      await people.createInvitation(invitation('inv1', 'ann1'));
      expect(await people.redeemInvitation(redeem('inv1', 's1'))).toEqual({
        status: 'redeemed',
        annotatorId: 'ann1',
      });
      expect(await people.findSession('s1', T1)).toBe('ann1');
      expect(await people.redeemInvitation(redeem('inv1', 's2'))).toEqual({ status: 'used' });
      expect(await people.findSession('s2', T1)).toBeUndefined();
      // Used stays used after the expiry: the answer does not change with time.
      expect(await people.redeemInvitation(redeem('inv1', 's3', LATER))).toEqual({
        status: 'used',
      });
    });

    it('expire: at or after expiresAt they answer expired and open nothing', async () => {
      const people = store.people;
      await people.createInvitation(invitation('inv1', 'ann1', T1));
      expect(await people.redeemInvitation(redeem('inv1', 's1', T1))).toEqual({
        status: 'expired',
      });
      expect(await people.findSession('s1', T0)).toBeUndefined();
      expect(await people.redeemInvitation(redeem('nope', 's2'))).toEqual({ status: 'unknown' });
    });

    it('a new invitation revokes the unused ones of that person only', async () => {
      const people = store.people;
      await people.createInvitation(invitation('old', 'ann1'));
      await people.createInvitation(invitation('bob', 'ann2'));
      await people.createInvitation(invitation('new', 'ann1'));
      expect(await people.redeemInvitation(redeem('old', 's1'))).toEqual({ status: 'unknown' });
      expect(await people.redeemInvitation(redeem('bob', 's2'))).toMatchObject({
        status: 'redeemed',
      });
      expect(await people.redeemInvitation(redeem('new', 's3'))).toEqual({
        status: 'redeemed',
        annotatorId: 'ann1',
      });
      // A used one is kept, so a replay still answers used after the next invitation.
      await people.createInvitation(invitation('newer', 'ann1'));
      expect(await people.redeemInvitation(redeem('new', 's4'))).toEqual({ status: 'used' });
    });

    it('of two concurrent redemptions of one invitation exactly one succeeds', async () => {
      const people = store.people;
      await people.createInvitation(invitation('inv1', 'ann1'));
      const results = await Promise.all(
        ['s1', 's2', 's3', 's4'].map((s) => people.redeemInvitation(redeem('inv1', s))),
      );
      expect(results.filter((r) => r.status === 'redeemed')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'used')).toHaveLength(3);
      const sessions = await Promise.all(
        ['s1', 's2', 's3', 's4'].map((s) => people.findSession(s, T1)),
      );
      expect(sessions.filter((s) => s === 'ann1')).toHaveLength(1);
    });

    it('refuses an invitation for a missing person, or a token hash already taken, as CONFLICT', async () => {
      const people = store.people;
      await expect(people.createInvitation(invitation('inv1', 'ghost'))).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      await people.createInvitation(invitation('inv1', 'ann1'));
      await expect(people.createInvitation(invitation('inv1', 'ann2'))).rejects.toMatchObject({
        code: 'CONFLICT',
      });
    });
  });
}
