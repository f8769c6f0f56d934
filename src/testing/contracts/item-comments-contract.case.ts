import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreWithPeople } from '../../core/ports/people-store.js';

/**
 * The comment part of the PeopleStore contract, run inside `describePeopleStoreContract` on the
 * store it opened (items a–d, annotators ann1–ann3) for each test.
 * @example describeItemCommentsContract(() => store)
 */
export function describeItemCommentsContract(current: () => StoreWithPeople): void {
  let store: StoreWithPeople;
  beforeEach(() => {
    store = current();
  });

  describe('comments', () => {
    it('keeps comments per item, oldest first, and lists only the items asked for', async () => {
      const people = store.people;
      await people.addComment(comment('a', 'ann2', 'second', '2026-01-01T00:02:00.000Z'));
      await people.addComment(comment('a', 'ann1', 'first <b>', '2026-01-01T00:01:00.000Z'));
      await people.addComment(comment('b', 'ann3', 'other item', '2026-01-01T00:03:00.000Z'));
      expect(await people.listComments({ itemIds: ['a'] })).toEqual([
        comment('a', 'ann1', 'first <b>', '2026-01-01T00:01:00.000Z'),
        comment('a', 'ann2', 'second', '2026-01-01T00:02:00.000Z'),
      ]);
      expect((await people.listComments({ itemIds: ['a', 'b'] })).map((c) => c.text)).toEqual([
        'first <b>',
        'second',
        'other item',
      ]);
      expect(await people.listComments({ itemIds: ['c'] })).toEqual([]);
      expect(await people.listComments({ itemIds: [] })).toEqual([]);
    });

    it('refuses a comment on a missing item or by a missing person, as CONFLICT', async () => {
      const at = '2026-01-01T00:00:00.000Z';
      await expect(
        store.people.addComment(comment('ghost', 'ann1', 'x', at)),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(store.people.addComment(comment('a', 'ghost', 'x', at))).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      expect(await store.people.listComments({ itemIds: ['a', 'ghost'] })).toEqual([]);
    });
  });
}

function comment(itemId: string, annotatorId: string, text: string, createdAt: string) {
  return { itemId, annotatorId, text, createdAt };
}
