import { beforeEach, describe, expect, it } from 'vitest';
import { humanVote } from '../../core/human-vote.js';
import type { Store } from '../../core/ports/store.js';
import type { HumanVoteColumns, VoteTally } from '../../core/ports/vote-import-store.js';
import { item, vote } from '../builders/index.js';

const AT = '2026-12-07T10:00:00.000Z';

function columns(rows: readonly (readonly [string, string, string])[]): HumanVoteColumns {
  return {
    itemIds: rows.map((r) => r[0]),
    sources: rows.map((r) => r[1]),
    labels: rows.map((r) => r[2]),
    createdAt: AT,
  };
}

function sorted(tally: readonly VoteTally[]): VoteTally[] {
  const key = (t: VoteTally): string => `${t.itemId} ${t.source} ${t.label ?? '<null>'}`;
  return [...tally].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * Bulk imports of people's votes (`VoteImportStore`), run inside `describeStoreContract` on the
 * store it opened for each test.
 * @example describeVoteImportContract(() => store)
 */
export function describeVoteImportContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe('importing votes in bulk', () => {
    it('adds bare pool items for missing ids only, once each, leaving stored items untouched', async () => {
      const gold = item('b', { role: 'gold', goldLabel: 'spam', batch: 'b1', fields: { t: 1 } });
      await store.upsertItems([gold]);
      const created = await store.addMissingItems(['c', 'b', 'a', 'c']);
      expect([...created].sort()).toEqual(['a', 'c']);
      expect(await store.getItem('b')).toEqual(gold);
      expect(await store.getItem('a')).toEqual({
        id: 'a',
        fields: {},
        role: 'pool',
        batch: null,
        goldLabel: null,
      });
      expect(await store.addMissingItems(['a', 'b'])).toEqual([]);
      expect(await store.addMissingItems([])).toEqual([]);
    });

    it('adds more missing items than one statement holds', async () => {
      const ids = Array.from({ length: 25_000 }, (_, i) => `t${i}`);
      await store.upsertItems([item('t7')]);
      expect(await store.addMissingItems(ids)).toHaveLength(24_999);
      expect(await store.countItems({})).toBe(25_000);
    });

    it('appends people’s votes in order as plain human votes', async () => {
      await store.addMissingItems(['x', 'y']);
      const added = await store.addHumanVotes(
        columns([
          ['y', 'human:ada', 'spam'],
          ['x', 'human:bo', ''],
          ['y', 'human:ada', 'spam'],
        ]),
      );
      expect(added).toBe(3);
      const stored = await store.listVotes({});
      expect(stored.map((v) => v.id)).toEqual([...stored.map((v) => v.id)].sort((a, b) => a - b));
      const expected = [
        humanVote({ itemId: 'y', source: 'human:ada', label: 'spam', createdAt: AT }),
        humanVote({ itemId: 'x', source: 'human:bo', label: '', createdAt: AT }),
        humanVote({ itemId: 'y', source: 'human:ada', label: 'spam', createdAt: AT }),
      ];
      expect(stored.map(({ id: _id, ...rest }) => rest)).toEqual(expected);
      expect(await store.addHumanVotes(columns([]))).toBe(0);
    });

    it('refuses a vote on an item not stored and adds none of the others', async () => {
      await store.addMissingItems(['x']);
      const refused = store.addHumanVotes(
        columns([
          ['x', 'human:ada', 'spam'],
          ['nowhere', 'human:ada', 'spam'],
        ]),
      );
      await expect(refused).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await store.listVotes({})).toEqual([]);
      await expect(
        store.addHumanVotes({ ...columns([['x', 'human:ada', 'spam']]), labels: [] }),
      ).rejects.toThrow('differ in length');
    });

    it('undoes items and votes together when the enclosing transaction fails', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.addMissingItems(['x']);
          await tx.addHumanVotes(columns([['x', 'human:ada', 'spam']]));
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      expect(await store.countItems({})).toBe(0);
      expect(await store.listVotes({})).toEqual([]);
    });

    it('appends a large import and still finds the votes by item, source and tally', async () => {
      const ids = Array.from({ length: 2000 }, (_, i) => `i${i}`);
      await store.addMissingItems(ids);
      await store.addVotes([vote('i5', 'llm:m', { label: 'ham' })]);
      const rows = Array.from(
        { length: 60_000 },
        (_, n) => [`i${n % 2000}`, `human:w${n % 30}`, n % 3 === 0 ? 'spam' : 'ham'] as const,
      );
      expect(await store.addHumanVotes(columns(rows))).toBe(60_000);
      const onFive = await store.listVotes({ itemIds: ['i5'] });
      expect(onFive).toHaveLength(31);
      expect(onFive[0]?.source).toBe('llm:m');
      expect(await store.listVotes({ source: 'human:w7' })).toHaveLength(2000);
      expect(await store.listItems({ ids: ['i5', 'i6'], withoutVoteFrom: 'llm:m' })).toHaveLength(
        1,
      );
      const tally = await store.tallyVotes({ sourcePrefix: 'human:' });
      expect(tally.reduce((sum, t) => sum + t.votes, 0)).toBe(60_000);
    });

    it('tallies the votes a query selects per item, source and label', async () => {
      await store.upsertItems([item('a'), item('b')]);
      await store.addVotes([
        vote('a', 'human:ada', { label: 'spam' }),
        vote('a', 'human:ada', { label: 'spam' }),
        vote('a', 'human:ada', { label: 'ham' }),
        vote('a', 'llm:m', { label: 'spam' }),
        vote('b', 'human:ada', { label: null }),
        vote('b', 'human:bo', { label: 'spam' }),
      ]);
      expect(
        sorted(await store.tallyVotes({ itemIds: ['a', 'b'], sourcePrefix: 'human:' })),
      ).toEqual([
        { itemId: 'a', source: 'human:ada', label: 'ham', votes: 1 },
        { itemId: 'a', source: 'human:ada', label: 'spam', votes: 2 },
        { itemId: 'b', source: 'human:ada', label: null, votes: 1 },
        { itemId: 'b', source: 'human:bo', label: 'spam', votes: 1 },
      ]);
      expect(sorted(await store.tallyVotes({ itemIds: ['a'], source: 'llm:m' }))).toEqual([
        { itemId: 'a', source: 'llm:m', label: 'spam', votes: 1 },
      ]);
      expect(await store.tallyVotes({ itemIds: [] })).toEqual([]);
      expect(await store.tallyVotes({ sourcePrefix: 'model:' })).toEqual([]);
    });
  });
}
