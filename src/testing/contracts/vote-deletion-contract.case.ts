import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../core/ports/store.js';
import { item, vote } from '../builders/index.js';

/**
 * Deleting votes (a replaced prediction), run inside `describeStoreContract` on the store it
 * opened for each test.
 * @example describeVoteDeletionContract(() => store)
 */
export function describeVoteDeletionContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe('deleting votes', () => {
    it('deletes the votes named, counts only those stored, and keeps the others and their ids', async () => {
      await store.upsertItems([item('a'), item('b')]);
      const [a1, a2, b1] = await store.addVotes([
        vote('a', 'import:m', { label: 'spam' }),
        vote('a', 'human:x', { label: 'ham' }),
        vote('b', 'import:m', { label: 'ham' }),
      ]);
      expect(await store.deleteVotes([a1 as number, b1 as number, 999_999])).toBe(2);
      const left = await store.listVotes({});
      expect(left.map((v) => [v.id, v.source, v.itemId])).toEqual([[a2, 'human:x', 'a']]);
      expect(await store.deleteVotes([])).toBe(0);
      expect(await store.deleteVotes([a1 as number])).toBe(0);
    });

    it('deletes inside a transaction and undoes the deletion when the transaction fails', async () => {
      await store.upsertItems([item('a')]);
      const [id] = await store.addVotes([vote('a', 'import:m')]);
      await expect(
        store.transaction(async (tx) => {
          expect(await tx.deleteVotes([id as number])).toBe(1);
          expect(await tx.listVotes({ itemIds: ['a'] })).toEqual([]);
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      expect((await store.listVotes({ itemIds: ['a'] })).map((v) => v.id)).toEqual([id]);
      await store.transaction(async (tx) => tx.deleteVotes([id as number]));
      expect(await store.listVotes({ itemIds: ['a'] })).toEqual([]);
    });

    it('deletes more votes than one statement holds', async () => {
      await store.upsertItems([item('a')]);
      const ids = await store.addVotes(Array.from({ length: 2500 }, () => vote('a', 'import:m')));
      expect(await store.deleteVotes(ids.slice(0, 2400))).toBe(2400);
      expect(await store.listVotes({ itemIds: ['a'] })).toHaveLength(100);
    });
  });
}
