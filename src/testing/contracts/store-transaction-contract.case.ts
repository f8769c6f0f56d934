import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../core/ports/store.js';
import type { Item } from '../../core/types.js';
import { item, vote } from '../builders/index.js';
import { labelRun } from '../builders/run-builders.js';

/**
 * The closing and transaction part of the Store contract, run inside `describeStoreContract` on
 * the store it opened for each test.
 * @example describeStoreTransactionContract(() => store)
 */
export function describeStoreTransactionContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe('closing', () => {
    it('fails every call after close as INTERNAL, and closing again is harmless', async () => {
      await store.upsertItems([item('a')]);
      await store.close();
      await store.close();
      await expect(store.getItem('a')).rejects.toMatchObject({ code: 'INTERNAL' });
      await expect(store.upsertItems([item('b')])).rejects.toMatchObject({ code: 'INTERNAL' });
      await expect(store.transaction(async (tx) => tx.countItems({}))).rejects.toMatchObject({
        code: 'INTERNAL',
      });
    });
  });

  describe('transactions', () => {
    it('commits every write of the work together', async () => {
      const result = await store.transaction(async (tx) => {
        await tx.upsertItems([item('a')]);
        await tx.addVotes([vote('a', 'human:ann')]);
        return 'done';
      });
      expect(result).toBe('done');
      expect(await store.countItems({})).toBe(1);
      expect(await store.listVotes({})).toHaveLength(1);
    });

    it('rolls back everything when the work throws, and rethrows that error', async () => {
      await store.upsertItems([item('kept')]);
      const boom = new Error('boom');
      const error = await store
        .transaction(async (tx) => {
          await tx.upsertItems([item('a'), item('kept', { fields: { text: 'changed' } })]);
          await tx.addVotes([vote('a', 'human:ann')]);
          await tx.cachePut('k', 'v');
          await tx.createRun(run('r1'));
          expect(await tx.countItems({})).toBe(2);
          throw boom;
        })
        .catch((e: unknown) => e);
      expect(error).toBe(boom);
      expect(ids(await store.listItems({}))).toEqual(['kept']);
      expect((await store.getItem('kept'))?.fields).toEqual(item('kept').fields);
      expect(await store.listVotes({})).toEqual([]);
      expect(await store.cacheGet('k')).toBeUndefined();
      expect(await store.getRun('r1')).toBeUndefined();
    });

    it('keeps the writes of an open transaction from queries made outside it', async () => {
      let entered!: () => void;
      let release!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      const pending = store.transaction(async (tx) => {
        await tx.upsertItems([item('a')]);
        entered();
        await gate;
        throw new Error('undo');
      });
      await inside;
      const outside = store.countItems({});
      release();
      await expect(pending).rejects.toThrow('undo');
      expect(await outside).toBe(0);
    });

    it('reuses the enclosing transaction for nested calls', async () => {
      const error = await store
        .transaction(async (outer) => {
          await outer.transaction(async (inner) => {
            await inner.upsertItems([item('a')]);
          });
          expect(await outer.getItem('a')).toBeDefined();
          throw new Error('undo');
        })
        .catch((e: unknown) => e);
      expect((error as Error).message).toBe('undo');
      expect(await store.countItems({})).toBe(0);
    });

    it('has no savepoints: a nested call that fails keeps its writes if the outer work goes on', async () => {
      await store.transaction(async (outer) => {
        await outer.upsertItems([item('outer')]);
        const inner = await outer
          .transaction(async (tx) => {
            await tx.upsertItems([item('inner')]);
            throw new Error('inner fails');
          })
          .catch((e: unknown) => e);
        expect((inner as Error).message).toBe('inner fails');
      });
      expect(ids(await store.listItems({}))).toEqual(['inner', 'outer']);
    });
  });
}

function run(id: string): ReturnType<typeof labelRun> {
  return labelRun(id, 'llm:m#p', {
    status: 'running',
    costUsd: 0.5,
    startedAt: '2025-01-01T00:00:00.000Z',
    endedAt: null,
  });
}

function ids(items: readonly Item[]): string[] {
  return items.map((i) => i.id);
}
