import { describe, expect, it } from 'vitest';
import { coalescedWrites } from './coalesced-writes.js';

describe('coalescedWrites', () => {
  it('writes the entries added in one turn with one call, and settles each when it is done', async () => {
    const batches: number[][] = [];
    const writes = coalescedWrites<number>(async (entries) => {
      batches.push(entries);
    });
    const first = [writes.add(1), writes.add(2), writes.add(3)];
    expect(batches).toEqual([]); // nothing is written before the next turn
    await Promise.all(first);
    expect(batches).toEqual([[1, 2, 3]]);
    await writes.add(4);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('rejects every entry of a failed write, and only those', async () => {
    let fail = true;
    const writes = coalescedWrites<string>(async () => {
      if (fail) throw new Error('disk full');
    });
    const failed = [writes.add('a'), writes.add('b')];
    for (const put of failed) await expect(put).rejects.toThrow('disk full');
    fail = false;
    await expect(writes.add('c')).resolves.toBeUndefined();
  });

  it('drains: resolves once every entry added so far is written', async () => {
    const written: string[] = [];
    const writes = coalescedWrites<string>(async (entries) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      written.push(...entries);
    });
    void writes.add('x');
    void writes.add('y');
    await writes.drain();
    expect(written).toEqual(['x', 'y']);
  });
});
