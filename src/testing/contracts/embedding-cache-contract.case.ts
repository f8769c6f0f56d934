import { describe, expect, it } from 'vitest';
import type { Store } from '../../core/ports/store.js';

/**
 * The embedding cache part of the Store contract (`getEmbeddings` / `putEmbeddings`), run
 * inside `describeStoreContract` on the store it opened for each test.
 * @example describeEmbeddingCacheContract(() => store)
 */
export function describeEmbeddingCacheContract(current: () => Store): void {
  describe('embedding cache', () => {
    const cache = () => {
      const store = current();
      if (!store.getEmbeddings || !store.putEmbeddings) throw new Error('no embedding cache');
      return {
        get: store.getEmbeddings.bind(store),
        put: store.putEmbeddings.bind(store),
        store,
      };
    };

    it('gets exactly the float32 vectors put, per model, and nothing for unknown texts', async () => {
      const { get, put } = cache();
      expect((await get('m', ['a'])).size).toBe(0);
      const a = Float32Array.of(0.1, -2.5e-8, 3.4e38, -0);
      const b = Float32Array.of(1, 2, 3);
      await put('m', [
        { text: 'a', vector: a },
        { text: 'héllo 🙂\n"quoted"', vector: b },
      ]);
      const found = await get('m', ['héllo 🙂\n"quoted"', 'a', 'missing', 'a']);
      expect([...found.keys()].sort()).toEqual(['a', 'héllo 🙂\n"quoted"']);
      expect(found.get('a')).toEqual(a);
      expect(Object.is(found.get('a')?.[3], -0)).toBe(true);
      expect(found.get('héllo 🙂\n"quoted"')).toEqual(b);
      expect((await get('other-model', ['a'])).size).toBe(0);
      expect((await get('m', [])).size).toBe(0);
      await put('m', []);
    });

    it('replaces a vector put again, and keeps the last of a text given twice', async () => {
      const { get, put } = cache();
      await put('m', [{ text: 't', vector: Float32Array.of(1, 1) }]);
      await put('m', [
        { text: 't', vector: Float32Array.of(2, 2, 2) },
        { text: 't', vector: Float32Array.of(3, 3, 3) },
      ]);
      expect((await get('m', ['t'])).get('t')).toEqual(Float32Array.of(3, 3, 3));
    });

    it('writes and reads more vectors than one statement holds', async () => {
      const { get, put } = cache();
      const entries = Array.from({ length: 6500 }, (_, i) => ({
        text: `text ${i}`,
        vector: Float32Array.of(i, -i, i / 7),
      }));
      await put('m', entries);
      const found = await get(
        'm',
        entries.map((e) => e.text),
      );
      expect(found.size).toBe(6500);
      expect(found.get('text 6499')).toEqual(Float32Array.of(6499, -6499, 6499 / 7));
    });

    it('rolls back vectors put inside a failed transaction', async () => {
      const { get, store } = cache();
      await expect(
        store.transaction(async (tx) => {
          await tx.putEmbeddings?.('m', [{ text: 'x', vector: Float32Array.of(1) }]);
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      expect((await get('m', ['x'])).size).toBe(0);
    });
  });
}
