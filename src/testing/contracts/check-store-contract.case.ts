import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import type { NewCheck } from '../../core/ports/check-store.js';
import type { Store } from '../../core/ports/store.js';
import { item } from '../builders/index.js';

const DRAWN_AT = '2026-12-07T10:00:00.000Z';

function drawn(itemId: string, over: Partial<NewCheck> = {}): NewCheck {
  return {
    itemId,
    draw: 1,
    stratum: 'all',
    stratumSize: 4,
    probability: 0.5,
    drawnAt: DRAWN_AT,
    ...over,
  };
}

/** The HiloError code a call fails with, 'no error', or what else it threw. */
export async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    return error instanceof HiloError ? error.code : `not a HiloError: ${String(error)}`;
  }
  return 'no error';
}

/**
 * The expert-checks part of the Store contract (`CheckStore`), run inside `describeStoreContract`
 * on the store it opened for each test.
 * @example describeCheckStoreContract(() => store)
 */
export function describeCheckStoreContract(current: () => Store): void {
  describe('checks', () => {
    it('keeps drawn checks unlabelled, in item id order, with their weights', async () => {
      const store = current();
      await store.upsertItems([item('c'), item('a'), item('b'), item('d')]);
      await store.addChecks([
        drawn('c', { stratum: 'conf 0.9–1', stratumSize: 3, probability: 1 / 3 }),
        drawn('a'),
      ]);
      const checks = await store.listChecks();
      expect(checks.map((c) => c.itemId)).toEqual(['a', 'c']);
      expect(checks[1]).toEqual({
        itemId: 'c',
        draw: 1,
        stratum: 'conf 0.9–1',
        stratumSize: 3,
        probability: 1 / 3,
        label: null,
        labelledBy: null,
        labelledAt: null,
        drawnAt: DRAWN_AT,
      });
      expect(await store.listChecks({ labelled: true })).toEqual([]);
      expect((await store.listChecks({ labelled: false })).length).toBe(2);
    });

    it('refuses an item drawn twice, or not stored, and writes nothing of that call', async () => {
      const store = current();
      await store.upsertItems([item('a'), item('b')]);
      await store.addChecks([drawn('a')]);
      expect(await codeOf(store.addChecks([drawn('b'), drawn('a', { draw: 2 })]))).toBe('CONFLICT');
      expect(await codeOf(store.addChecks([drawn('b'), drawn('b')]))).toBe('CONFLICT');
      expect(await codeOf(store.addChecks([drawn('b'), drawn('missing')]))).toBe('CONFLICT');
      expect((await store.listChecks()).map((c) => [c.itemId, c.draw])).toEqual([['a', 1]]);
    });

    it('labels drawn items, filters on the label, and keeps the first answer when repeated', async () => {
      const store = current();
      await store.upsertItems([item('a'), item('b')]);
      await store.addChecks([drawn('a'), drawn('b')]);
      await store.labelChecks([{ itemId: 'a', label: 'spam' }], 'reviewer:r1', DRAWN_AT);
      await store.labelChecks(
        [{ itemId: 'a', label: 'spam' }],
        'import:answers.csv',
        '2026-12-08T00:00:00.000Z',
      );
      const [a] = await store.listChecks({ labelled: true });
      expect(a).toMatchObject({ label: 'spam', labelledBy: 'reviewer:r1', labelledAt: DRAWN_AT });
      expect((await store.listChecks({ labelled: false })).map((c) => c.itemId)).toEqual(['b']);

      await store.labelChecks([{ itemId: 'a', label: 'ham' }], 'reviewer:r2', DRAWN_AT);
      expect((await store.listChecks({ labelled: true }))[0]).toMatchObject({
        label: 'ham',
        labelledBy: 'reviewer:r2',
      });
    });

    it('refuses to label an item never drawn, and writes none of that call', async () => {
      const store = current();
      await store.upsertItems([item('a'), item('b')]);
      await store.addChecks([drawn('a')]);
      const labels = [
        { itemId: 'a', label: 'spam' },
        { itemId: 'b', label: 'spam' },
      ];
      expect(await codeOf(store.labelChecks(labels, 'import:x.csv', DRAWN_AT))).toBe('NOT_FOUND');
      expect(await store.listChecks({ labelled: true })).toEqual([]);
    });

    it('reweighs drawn items, keeping draw and label; an id never drawn writes nothing', async () => {
      const store = current();
      await store.upsertItems([item('a'), item('b')]);
      await store.addChecks([drawn('a'), drawn('b', { draw: 2 })]);
      await store.labelChecks([{ itemId: 'b', label: 'spam' }], 'reviewer:r1', DRAWN_AT);
      await store.reweighChecks([
        { itemId: 'b', stratum: 'low', stratumSize: 10, probability: 0.2 },
      ]);
      expect((await store.listChecks())[1]).toMatchObject({
        draw: 2,
        stratum: 'low',
        stratumSize: 10,
        probability: 0.2,
        label: 'spam',
      });
      const bad = [
        { itemId: 'a', stratum: 'x', stratumSize: 1, probability: 1 },
        { itemId: 'zz', stratum: 'x', stratumSize: 1, probability: 1 },
      ];
      expect(await codeOf(store.reweighChecks(bad))).toBe('NOT_FOUND');
      expect((await store.listChecks())[0]).toMatchObject({ stratum: 'all', probability: 0.5 });
    });

    it('rolls checks back with the transaction that wrote them', async () => {
      const store = current();
      await store.upsertItems([item('a')]);
      await expect(
        store.transaction(async (inner) => {
          await inner.addChecks([drawn('a')]);
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      expect(await store.listChecks()).toEqual([]);
    });
  });
}
