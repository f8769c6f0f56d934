import { describe, expect, it } from 'vitest';
import { describeStoreContract } from '../contracts/store-contract.case.js';
import { item, vote } from '../builders/index.js';
import { compareIds, MemoryStore } from './memory-store.js';

describeStoreContract('memory', () => Promise.resolve(new MemoryStore()));

describe('MemoryStore', () => {
  it('orders ids by code point, as SQLite does', () => {
    const ids = ['b', '\uffff', 'a', '\u{1f600}', 'ab', 'B'];
    expect([...ids].sort(compareIds)).toEqual(['B', 'a', 'ab', 'b', '\uffff', '\u{1f600}']);
  });

  it('numbers votes from 1, and reuses the numbers of rolled-back votes as SQLite does', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('a'), item('b')]);
    expect(await store.addVotes([vote('a', 'llm:m'), vote('b', 'human:ann')])).toEqual([1, 2]);
    await expect(
      store.transaction(async (tx) => {
        await tx.addVotes([vote('a', 'x')]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.addVotes([vote('a', 'model:local@1')])).toEqual([3]);
  });

  it('runs transactions one at a time, and other calls after the open one', async () => {
    const store = new MemoryStore();
    const order: string[] = [];
    const slow = store.transaction(async (tx) => {
      order.push('first starts');
      await new Promise((resolve) => setTimeout(resolve, 20));
      await tx.transaction(async (inner) => inner.upsertItems([item('nested')]));
      order.push('first ends');
    });
    const fast = store.transaction(async () => {
      order.push('second');
    });
    const read = store.countItems({}).then((n) => order.push(`read ${n}`));
    await Promise.all([slow, fast, read]);
    expect(order).toEqual(['first starts', 'first ends', 'second', 'read 1']);
  });

  it('counts the calls of each method', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('a')]);
    await store.transaction(async (tx) => {
      await tx.getItem('a');
      await tx.transaction(async (inner) => inner.getItem('a'));
    });
    expect(Object.fromEntries(store.calls)).toEqual({ upsertItems: 1, transaction: 2, getItem: 2 });
  });
});
