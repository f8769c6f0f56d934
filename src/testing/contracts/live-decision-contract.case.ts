import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreWithPeople } from '../../core/ports/people-store.js';
import type { Decision } from '../../core/types.js';
import { answer, decision } from '../builders/index.js';

/**
 * The live decision part of the PeopleStore contract, run inside `describePeopleStoreContract` on
 * the store it opened (items a–d, annotators ann1–ann3) for each test.
 * @example describeLiveDecisionContract(() => store)
 */
export function describeLiveDecisionContract(current: () => StoreWithPeople): void {
  let store: StoreWithPeople;
  beforeEach(() => {
    store = current();
  });

  const live = (itemId: string, label: string, voteIds: readonly number[]): Decision =>
    decision(itemId, {
      label,
      confidence: 0.8,
      probabilities: { x: label === 'x' ? 0.8 : 0.2, y: label === 'x' ? 0.2 : 0.8 },
      decidedBy: 'aggregated',
      source: 'aggregate:recommended',
      voteIds: [...voteIds],
      zone: null,
      updatedAt: '2026-01-01T00:30:00.000Z',
    });
  const seen = (ids: readonly number[]) => ({
    votes: ids.length,
    newestVoteId: Math.max(0, ...ids),
  });

  describe('putLiveDecision', () => {
    it('stores a decision made from the item’s current votes, keeping the zone it replaces', async () => {
      const ids = await store.addVotes([answer('a', 'ann1', 'x'), answer('a', 'ann2', 'x')]);
      await store.putDecisions([decision('a', { decidedBy: 'machine', zone: 'overlap' })]);
      expect(
        await store.people.putLiveDecision({ decision: live('a', 'x', ids), seen: seen(ids) }),
      ).toBe(true);
      const [stored] = await store.listDecisions({ itemIds: ['a'] });
      expect(stored).toMatchObject({ label: 'x', decidedBy: 'aggregated', zone: 'overlap' });
      expect(stored?.voteIds).toEqual(ids);
      // A first decision on an item without one is inserted as given.
      const [b] = await store.addVotes([answer('b', 'ann1', 'y')]);
      expect(
        await store.people.putLiveDecision({
          decision: live('b', 'y', [b ?? 0]),
          seen: seen([b ?? 0]),
        }),
      ).toBe(true);
      expect((await store.listDecisions({ itemIds: ['b'] }))[0]).toMatchObject({
        label: 'y',
        zone: null,
      });
    });

    it('refuses a decision made before a newer vote arrived, so the last answer’s decision stays', async () => {
      const first = await store.addVotes([answer('a', 'ann1', 'x')]);
      const both = [...first, ...(await store.addVotes([answer('a', 'ann2', 'y')]))];
      expect(
        await store.people.putLiveDecision({ decision: live('a', 'y', both), seen: seen(both) }),
      ).toBe(true);
      // The decision of the first answer, made before the second vote, arrives late.
      expect(
        await store.people.putLiveDecision({ decision: live('a', 'x', first), seen: seen(first) }),
      ).toBe(false);
      expect((await store.listDecisions({ itemIds: ['a'] }))[0]?.label).toBe('y');
      // Same newest id but a vote fewer than the table holds is refused too.
      expect(
        await store.people.putLiveDecision({
          decision: live('a', 'x', both),
          seen: { votes: 1, newestVoteId: Math.max(...both) },
        }),
      ).toBe(false);
    });

    it('never replaces a reviewer’s or a gold decision', async () => {
      const ids = await store.addVotes([answer('a', 'ann1', 'x'), answer('b', 'ann1', 'x')]);
      await store.putDecisions([
        decision('a', { label: 'y', decidedBy: 'reviewer' }),
        decision('b', { label: 'y', decidedBy: 'gold' }),
      ]);
      for (const [i, itemId] of ['a', 'b'].entries()) {
        const id = ids[i] ?? 0;
        expect(
          await store.people.putLiveDecision({
            decision: live(itemId, 'x', [id]),
            seen: seen([id]),
          }),
        ).toBe(false);
      }
      expect((await store.listDecisions({ itemIds: ['a', 'b'] })).map((d) => d.label)).toEqual([
        'y',
        'y',
      ]);
    });

    it('keeps the newest decision when the decisions of concurrent answers race', async () => {
      const ids: number[] = [];
      for (const annotatorId of ['ann1', 'ann2', 'ann3']) {
        ids.push(
          ...(await store.addVotes([answer('c', annotatorId, annotatorId === 'ann3' ? 'y' : 'x')])),
        );
      }
      const results = await Promise.all(
        [1, 2, 3].map((n) =>
          store.people.putLiveDecision({
            decision: live('c', n === 3 ? 'y' : 'x', ids.slice(0, n)),
            seen: seen(ids.slice(0, n)),
          }),
        ),
      );
      expect(results).toEqual([false, false, true]);
      expect((await store.listDecisions({ itemIds: ['c'] }))[0]?.voteIds).toEqual(ids);
    });
  });
}
