import { describe, expect, it } from 'vitest';
import type { Store } from '../../core/ports/store.js';

/**
 * The LLM response cache part of the Store contract (`cacheGet` / `cachePut`), run inside
 * `describeStoreContract` on the store it opened for each test.
 * @example describeResponseCacheContract(() => store)
 */
export function describeResponseCacheContract(current: () => Store): void {
  describe('response cache', () => {
    it('gets what was put, and a second put replaces it', async () => {
      const store = current();
      expect(await store.cacheGet('k')).toBeUndefined();
      await store.cachePut('k', '{"answer":"A"}');
      expect(await store.cacheGet('k')).toBe('{"answer":"A"}');
      await store.cachePut('k', 'second');
      expect(await store.cacheGet('k')).toBe('second');
    });

    it('has every entry of many puts made at once stored when each put resolves', async () => {
      const store = current();
      const keys = Array.from({ length: 300 }, (_, i) => `key-${i}`);
      // Each put is read back as soon as it resolves, while the others are still pending.
      const readBack = await Promise.all(
        keys.map(async (key) => {
          await store.cachePut(key, `value of ${key} 🙂 "quoted"`);
          return store.cacheGet(key);
        }),
      );
      expect(readBack).toEqual(keys.map((key) => `value of ${key} 🙂 "quoted"`));
      expect(await store.cacheGet('key-299')).toBe('value of key-299 🙂 "quoted"');
      expect(await store.cacheGet('key-300')).toBeUndefined();
    });

    it('keeps the last value of a key put twice at once', async () => {
      const store = current();
      await Promise.all([
        store.cachePut('twice', 'first'),
        store.cachePut('other', 'x'),
        store.cachePut('twice', 'last'),
      ]);
      expect(await store.cacheGet('twice')).toBe('last');
      expect(await store.cacheGet('other')).toBe('x');
    });

    it('writes a put made inside a transaction with it, and drops it on rollback', async () => {
      const store = current();
      await store.transaction(async (tx) => {
        await tx.cachePut('kept', 'yes');
        expect(await tx.cacheGet('kept')).toBe('yes');
      });
      await expect(
        store.transaction(async (tx) => {
          await tx.cachePut('dropped', 'no');
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await store.cacheGet('kept')).toBe('yes');
      expect(await store.cacheGet('dropped')).toBeUndefined();
    });
  });
}
