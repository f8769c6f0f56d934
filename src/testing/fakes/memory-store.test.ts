import { describe, expect, it } from 'vitest';
import type { Run } from '../../core/runs/run-records.js';
import type { Item, NewVote } from '../../core/types.js';
import { auditRun, labelRun } from '../fixtures/run-builders.js';
import { compareIds, MemoryStore } from './memory-store.js';

function item(id: string, extra: Partial<Item> = {}): Item {
  return { id, fields: { text: id }, role: 'pool', batch: null, goldLabel: null, ...extra };
}

function vote(itemId: string, source: string, extra: Partial<NewVote> = {}): NewVote {
  return {
    itemId,
    source,
    label: 'a',
    probabilities: { a: 1 },
    method: 'logprobs',
    otherMass: 0,
    verbalized: null,
    rationale: null,
    abstainReason: null,
    runId: null,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    latencyMs: 0,
    timeSpentMs: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    ...extra,
  };
}

const run: Run = labelRun('r1', 'model:local@1', {
  status: 'running',
  startedAt: '2024-01-01T00:00:00.000Z',
  endedAt: null,
});

describe('MemoryStore', () => {
  it('upserts items by id, counting inserts and updates', async () => {
    const store = new MemoryStore();
    expect(await store.upsertItems([item('a'), item('b')])).toEqual({ inserted: 2, updated: 0 });
    expect(
      await store.upsertItems([item('a', { role: 'gold', goldLabel: 'x' }), item('c')]),
    ).toEqual({ inserted: 1, updated: 1 });
    expect(await store.getItem('a')).toEqual(item('a', { role: 'gold', goldLabel: 'x' }));
    expect(await store.countItems({})).toBe(3);
  });

  it('returns copies, so callers cannot change what is stored', async () => {
    const store = new MemoryStore();
    const original = item('a');
    await store.upsertItems([original]);
    (original.fields as Record<string, unknown>)['text'] = 'changed';
    const read = await store.getItem('a');
    (read?.fields as Record<string, unknown>)['text'] = 'changed again';
    expect((await store.getItem('a'))?.fields).toEqual({ text: 'a' });
  });

  it('lists items in id order with role, ids, vote and keyset filters', async () => {
    const store = new MemoryStore();
    await store.upsertItems([
      item('c'),
      item('a', { role: 'gold' }),
      item('b'),
      item('d', { role: 'control' }),
    ]);
    await store.addVotes([vote('b', 'llm:m')]);
    const ids = async (query: Parameters<MemoryStore['listItems']>[0]) =>
      (await store.listItems(query)).map((i) => i.id);
    expect(await ids({})).toEqual(['a', 'b', 'c', 'd']);
    expect(await ids({ role: 'pool' })).toEqual(['b', 'c']);
    expect(await ids({ role: ['gold', 'control'] })).toEqual(['a', 'd']);
    expect(await ids({ ids: ['d', 'a', 'zz'] })).toEqual(['a', 'd']);
    expect(await ids({ withoutVoteFrom: 'llm:m' })).toEqual(['a', 'c', 'd']);
    expect(await ids({ afterId: 'b', limit: 1 })).toEqual(['c']);
    expect(await store.countItems({ role: 'pool', withoutVoteFrom: 'llm:m' })).toBe(1);
  });

  it('orders ids by code point, as SQLite does', () => {
    const ids = ['b', '\uffff', 'a', '\u{1f600}', 'ab', 'B'];
    expect([...ids].sort(compareIds)).toEqual(['B', 'a', 'ab', 'b', '\uffff', '\u{1f600}']);
  });

  it('numbers votes from 1 and filters them', async () => {
    const store = new MemoryStore();
    expect(
      await store.addVotes([vote('a', 'llm:m', { runId: 'r1' }), vote('b', 'human:ann')]),
    ).toEqual([1, 2]);
    expect(await store.addVotes([vote('a', 'model:local@1')])).toEqual([3]);
    const sources = async (query: Parameters<MemoryStore['listVotes']>[0]) =>
      (await store.listVotes(query)).map((v) => v.id);
    expect(await sources({})).toEqual([1, 2, 3]);
    expect(await sources({ itemIds: ['a'] })).toEqual([1, 3]);
    expect(await sources({ source: 'human:ann' })).toEqual([2]);
    expect(await sources({ sourcePrefix: 'model:' })).toEqual([3]);
    expect(await sources({ runId: 'r1' })).toEqual([1]);
  });

  it('replaces decisions per item', async () => {
    const store = new MemoryStore();
    const base = {
      label: 'a',
      confidence: 0.5,
      probabilities: null,
      decidedBy: 'auto' as const,
      source: 's',
      voteIds: [],
      zone: null,
      updatedAt: 't',
    };
    await store.putDecisions([
      { ...base, itemId: 'b' },
      { ...base, itemId: 'a' },
    ]);
    await store.putDecisions([{ ...base, itemId: 'a', label: 'z' }]);
    expect((await store.listDecisions({})).map((d) => [d.itemId, d.label])).toEqual([
      ['a', 'z'],
      ['b', 'a'],
    ]);
    expect(await store.listDecisions({ itemIds: ['b'] })).toHaveLength(1);
  });

  it('creates, patches and lists runs', async () => {
    const store = new MemoryStore();
    await store.createRun(run);
    await expect(store.createRun(run)).rejects.toMatchObject({ code: 'CONFLICT' });
    await store.updateRun('r1', { status: 'done', itemsDone: 5 });
    expect(await store.getRun('r1')).toMatchObject({ status: 'done', itemsDone: 5, kind: 'label' });
    await expect(store.updateRun('nope', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await store.createRun(auditRun('r0', {}, { startedAt: '2023-01-01T00:00:00.000Z' }));
    expect((await store.listRuns({})).map((r) => r.id)).toEqual(['r0', 'r1']);
    expect((await store.listRuns({ kind: 'label' })).map((r) => r.id)).toEqual(['r1']);
  });

  it('versions models per name', async () => {
    const store = new MemoryStore();
    const model = { name: 'local', payload: '{}', metrics: {}, trainedOn: 10, createdAt: 't' };
    expect(await store.saveModel(model)).toBe(1);
    expect(await store.saveModel({ ...model, payload: '{"v":2}' })).toBe(2);
    expect(await store.saveModel({ ...model, name: 'other' })).toBe(1);
    expect((await store.getModel('local'))?.payload).toBe('{"v":2}');
    expect((await store.getModel('local', 1))?.payload).toBe('{}');
    expect(await store.getModel('local', 3)).toBeUndefined();
  });

  it('keeps the response cache', async () => {
    const store = new MemoryStore();
    expect(await store.cacheGet('k')).toBeUndefined();
    await store.cachePut('k', 'v');
    expect(await store.cacheGet('k')).toBe('v');
  });

  it('rolls a failed transaction back entirely, and commits a good one', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('kept')]);
    await expect(
      store.transaction(async (tx) => {
        await tx.upsertItems([item('lost')]);
        await tx.addVotes([vote('kept', 'x')]);
        await tx.cachePut('k', 'v');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await store.listItems({})).map((i) => i.id)).toEqual(['kept']);
    expect(await store.listVotes({})).toEqual([]);
    expect(await store.cacheGet('k')).toBeUndefined();
    expect(await store.addVotes([vote('kept', 'x')])).toEqual([1]);
    expect(
      await store.transaction(async (tx) => (await tx.upsertItems([item('new')])).inserted),
    ).toBe(1);
    expect(await store.countItems({})).toBe(2);
  });

  it('runs transactions one at a time and lets them nest', async () => {
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
    await Promise.all([slow, fast]);
    expect(order).toEqual(['first starts', 'first ends', 'second']);
    expect(await store.getItem('nested')).toBeDefined();
  });

  it('rolls back a failed nested transaction only', async () => {
    const store = new MemoryStore();
    await store.transaction(async (tx) => {
      await tx.upsertItems([item('outer')]);
      await tx
        .transaction(async (inner) => {
          await inner.upsertItems([item('inner')]);
          throw new Error('inner fails');
        })
        .catch(() => undefined);
    });
    expect((await store.listItems({})).map((i) => i.id)).toEqual(['outer']);
  });

  it('refuses work once closed', async () => {
    const store = new MemoryStore();
    await store.close();
    await expect(store.getItem('a')).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
