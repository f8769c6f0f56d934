import { describe, expect, it } from 'vitest';
import type { Store } from '../../core/ports/store.js';
import { item, vote } from '../builders/index.js';
import { codeOf } from './check-store-contract.case.js';

/**
 * Duplicate marks (`DuplicateStore`) and the `duplicates` item filter, run inside the Store
 * contract against every implementation.
 * @example describeDuplicateStoreContract(() => store)
 */
export function describeDuplicateStoreContract(store: () => Store): void {
  describe('duplicate marks', () => {
    const seed = async (): Promise<void> => {
      await store().upsertItems(['a', 'b', 'c', 'd', 'e'].map((id) => item(id)));
    };

    it('replaces every mark at once and lists them in id order', async () => {
      await seed();
      await store().replaceDuplicates([
        { itemId: 'c', duplicateOf: 'a', similarity: 0.85 },
        { itemId: 'b', duplicateOf: 'a', similarity: 1 },
      ]);
      expect(await store().listDuplicates()).toEqual([
        { itemId: 'b', duplicateOf: 'a', similarity: 1 },
        { itemId: 'c', duplicateOf: 'a', similarity: 0.85 },
      ]);
      expect(await store().listDuplicates({ itemIds: ['c', 'd'] })).toEqual([
        { itemId: 'c', duplicateOf: 'a', similarity: 0.85 },
      ]);
      expect(await store().listDuplicates({ itemIds: [] })).toEqual([]);
      await store().replaceDuplicates([{ itemId: 'e', duplicateOf: 'd', similarity: 0.9 }]);
      expect(await store().listDuplicates()).toEqual([
        { itemId: 'e', duplicateOf: 'd', similarity: 0.9 },
      ]);
      await store().replaceDuplicates([]);
      expect(await store().listDuplicates()).toEqual([]);
    });

    it('filters items and counts on whether they are marked', async () => {
      await seed();
      await store().replaceDuplicates([
        { itemId: 'b', duplicateOf: 'a', similarity: 1 },
        { itemId: 'd', duplicateOf: 'a', similarity: 0.8 },
      ]);
      const ids = async (duplicates: boolean): Promise<string[]> =>
        (await store().listItems({ duplicates })).map((i) => i.id);
      expect(await ids(false)).toEqual(['a', 'c', 'e']);
      expect(await ids(true)).toEqual(['b', 'd']);
      expect(await store().countItems({ duplicates: false })).toBe(3);
      await store().addVotes([vote('c', 'llm:x')]);
      expect(
        (
          await store().listItems({ duplicates: false, withoutVoteFrom: 'llm:x', afterId: 'a' })
        ).map((i) => i.id),
      ).toEqual(['e']);
    });

    it('orders items by first import, and keeps the place on re-import', async () => {
      await store().upsertItems([item('m'), item('k')]);
      // Past the clock's millisecond, so the SQL stores' import times differ.
      await new Promise((done) => setTimeout(done, 5));
      await store().upsertItems([item('b')]);
      await new Promise((done) => setTimeout(done, 5));
      await store().upsertItems([item('m', { fields: { text: 'again' } }), item('a')]);
      expect(await store().itemsByImport(['a', 'b', 'k', 'm', 'zz'])).toEqual(['k', 'm', 'b', 'a']);
      expect(await store().itemsByImport([])).toEqual([]);
    });

    it('refuses bad marks and writes nothing', async () => {
      await seed();
      const kept = [{ itemId: 'b', duplicateOf: 'a', similarity: 1 }];
      await store().replaceDuplicates(kept);
      expect(
        await codeOf(store().replaceDuplicates([{ itemId: 'a', duplicateOf: 'a', similarity: 1 }])),
      ).toBe('INVALID_INPUT');
      expect(
        await codeOf(
          store().replaceDuplicates([
            { itemId: 'b', duplicateOf: 'a', similarity: 1 },
            { itemId: 'a', duplicateOf: 'c', similarity: 1 },
          ]),
        ),
      ).toBe('INVALID_INPUT');
      expect(
        await codeOf(store().replaceDuplicates([{ itemId: 'b', duplicateOf: 'a', similarity: 2 }])),
      ).toBe('INVALID_INPUT');
      expect(
        await codeOf(
          store().replaceDuplicates([{ itemId: 'c', duplicateOf: 'zz', similarity: 0.9 }]),
        ),
      ).toBe('NOT_FOUND');
      expect(await store().listDuplicates()).toEqual(kept);
    });
  });
}
