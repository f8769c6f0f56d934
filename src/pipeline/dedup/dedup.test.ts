import { describe, expect, it } from 'vitest';
import { PROJECT_DEFAULTS } from '../../core/project.js';
import { decision, item, queueEntry } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { applyDuplicates } from './apply-duplicates.js';
import { clusterRecords } from './cluster-records.js';
import { findDuplicates } from './find-duplicates.js';
import { shareDuplicateDecisions } from './share-decisions.js';

const clock = { now: () => Date.parse('2026-12-07T12:00:00Z') };
const settings = PROJECT_DEFAULTS.dedup;
const TEXT = 'Lemmie eat a Oreo & do these dishes. One oreo? Lol, that is all I have left today';

const text = (id: string, value: string, over: Parameters<typeof item>[1] = {}) =>
  item(id, { fields: { text: value }, ...over });

async function storeWith(...items: ReturnType<typeof item>[]): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.upsertItems(items);
  return store;
}

describe('findDuplicates', () => {
  it('clusters copies under the first pool item and marks the others', async () => {
    const store = await storeWith(
      text('p2', TEXT.replace('&', '&amp;')),
      text('p1', TEXT),
      text('p3', TEXT.replace('dishes', 'dishs')),
      text('p4', 'Completely unrelated words about the garden and the rain in spring'),
    );
    const found = await findDuplicates({ store, fields: ['text'], settings });
    expect(found.items).toBe(4);
    expect(found.clusters).toHaveLength(1);
    expect(found.clusters[0]?.representative).toBe('p1');
    expect(found.clusters[0]?.members.map((m) => m.id)).toEqual(['p1', 'p2', 'p3']);
    expect(found.marks.map((m) => [m.itemId, m.duplicateOf])).toEqual([
      ['p2', 'p1'],
      ['p3', 'p1'],
    ]);
    expect(found.marks[0]?.similarity).toBe(1);
    expect(found.marks[1]?.similarity).toBeGreaterThanOrEqual(0.8);
    expect(found.marks[1]?.similarity).toBeLessThan(1);
    expect(found.leaks).toEqual([]);
  });

  it('prefers a gold representative, never marks gold, and reports a test item as a leak', async () => {
    const store = await storeWith(
      text('a-pool', TEXT),
      text('b-gold', TEXT, { role: 'gold', goldLabel: 'ham' }),
      text('c-gold', TEXT, { role: 'gold', goldLabel: 'ham' }),
      text('d-test', TEXT, { role: 'test', goldLabel: 'ham' }),
    );
    const found = await findDuplicates({ store, fields: ['text'], settings });
    expect(found.clusters[0]?.representative).toBe('b-gold');
    expect(found.marks).toEqual([{ itemId: 'a-pool', duplicateOf: 'b-gold', similarity: 1 }]);
    expect(found.leaks.map((l) => [l.testId, l.otherId, l.otherRole])).toEqual([
      ['d-test', 'b-gold', 'gold'],
      ['d-test', 'c-gold', 'gold'],
      ['d-test', 'a-pool', 'pool'],
    ]);
  });

  it('gives a cluster of test items only no representative and marks nothing', async () => {
    const store = await storeWith(
      text('t1', TEXT, { role: 'test' }),
      text('t2', TEXT, { role: 'test' }),
    );
    const found = await findDuplicates({ store, fields: ['text'], settings });
    expect(found.clusters[0]?.representative).toBeNull();
    expect(found.marks).toEqual([]);
    expect(found.leaks).toEqual([]);
  });

  it('reads every field of a pairwise item', async () => {
    const pair = (id: string, b: string) =>
      item(id, { fields: { prompt: 'Which is kinder?', a: 'Thank you so much', b } });
    const store = await storeWith(
      pair('x', 'Go away now please'),
      pair('y', 'I will help you with that'),
    );
    const found = await findDuplicates({ store, fields: ['prompt', 'a', 'b'], settings });
    expect(found.clusters).toEqual([]);
  });

  it('writes one record per member with its cluster and representative', async () => {
    const store = await storeWith(text('p1', TEXT), text('p2', TEXT));
    const found = await findDuplicates({ store, fields: ['text'], settings });
    expect([...clusterRecords(found)]).toEqual([
      {
        cluster: 1,
        representative: 'p1',
        id: 'p1',
        role: 'pool',
        similarity: 1,
        duplicateOf: null,
        text: TEXT,
      },
      {
        cluster: 1,
        representative: 'p1',
        id: 'p2',
        role: 'pool',
        similarity: 1,
        duplicateOf: 'p1',
        text: TEXT,
      },
    ]);
  });
});

describe('applyDuplicates and shareDuplicateDecisions', () => {
  it('marks, takes duplicates out of the queue, and shares the decision', async () => {
    const store = await storeWith(
      text('p1', TEXT),
      text('p2', TEXT),
      text('p3', 'other text entirely here'),
    );
    await store.putDecisions([
      decision('p1', { label: 'ham', zone: 'human', decidedBy: 'machine' }),
    ]);
    await store.people.upsertQueue([queueEntry('p2'), queueEntry('p3')]);
    const found = await findDuplicates({ store, fields: ['text'], settings });
    const applied = await applyDuplicates({ store, clock }, found);
    expect(applied).toEqual({ marked: 1, dequeued: 1, shared: 1 });
    expect((await store.people.getQueueEntry('p2'))?.overlap).toBe(0);
    expect((await store.people.getQueueEntry('p3'))?.overlap).toBeGreaterThan(0);
    const [shared] = await store.listDecisions({ itemIds: ['p2'] });
    expect(shared).toMatchObject({
      itemId: 'p2',
      label: 'ham',
      decidedBy: 'machine',
      zone: 'human',
      voteIds: [],
    });
    expect(await shareDuplicateDecisions({ store, clock })).toBe(0);
  });

  it('lends a gold label before any decision, and keeps a duplicate’s higher-ranked decision', async () => {
    const store = await storeWith(
      text('g', TEXT, { role: 'gold', goldLabel: 'spam' }),
      text('p1', TEXT),
      text('p2', TEXT),
    );
    await store.putDecisions([
      decision('g', { label: 'ham', decidedBy: 'machine' }),
      decision('p2', { label: 'ham', decidedBy: 'reviewer' }),
    ]);
    await store.replaceDuplicates([
      { itemId: 'p1', duplicateOf: 'g', similarity: 1 },
      { itemId: 'p2', duplicateOf: 'g', similarity: 1 },
    ]);
    expect(await shareDuplicateDecisions({ store, clock })).toBe(2);
    const byId = new Map((await store.listDecisions({})).map((d) => [d.itemId, d]));
    expect(byId.get('p1')).toMatchObject({ label: 'spam', decidedBy: 'gold', confidence: 1 });
    // gold outranks reviewer: the expert label on an identical text wins.
    expect(byId.get('p2')).toMatchObject({ label: 'spam', decidedBy: 'gold' });
  });

  it('keeps a reviewer decision over a shared machine decision', async () => {
    const store = await storeWith(text('p1', TEXT), text('p2', TEXT));
    await store.putDecisions([
      decision('p1', { label: 'spam', decidedBy: 'machine' }),
      decision('p2', { label: 'ham', decidedBy: 'reviewer' }),
    ]);
    await store.replaceDuplicates([{ itemId: 'p2', duplicateOf: 'p1', similarity: 1 }]);
    expect(await shareDuplicateDecisions({ store, clock })).toBe(0);
    expect((await store.listDecisions({ itemIds: ['p2'] }))[0]?.label).toBe('ham');
  });
});
