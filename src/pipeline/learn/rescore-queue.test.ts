import { describe, expect, it } from 'vitest';
import type { QueueEntry, QueueKind, StoreWithPeople } from '../../core/ports/people-store.js';
import { createRng } from '../../core/rng.js';
import type { Item } from '../../core/types.js';
import { loopProject, loopStore, WAITING } from '../../testing/fixtures/learn-loop-fixture.js';
import type { LabelOutcome, Labeller } from '../label/index.js';
import { localOutcome } from './local-labeller.js';
import { rescoreQueue } from './rescore-queue.js';
import { distributionRows, queuePriority, queueScores } from './rescore-queue-priority.js';

/** A labeller that gives each item the fruit probability of a table (`otherwise` when absent). */
function tableLabeller(fruit: Record<string, number>, otherwise = 0.5): Labeller {
  return {
    source: 'model:table@1',
    batchSize: 3,
    concurrency: 1,
    description: { kind: 'local', version: 1, trainedOn: 0 },
    label: async (items: readonly Item[]): Promise<LabelOutcome[]> =>
      items.map((i) => {
        const p = fruit[i.id] ?? otherwise;
        return localOutcome(
          { kind: 'classify', labels: ['fruit', 'cars'] },
          Float64Array.of(p, 1 - p),
          0,
        );
      }),
  };
}

describe('rescoreQueue', () => {
  it('puts the closest calls first within each zone and leaves settled items alone', async () => {
    const store = await loopStore();
    const [entry] = await store.people.listQueue({ kind: 'task' });
    await store.people.upsertQueue([
      { ...(entry as NonNullable<typeof entry>), itemId: 'a0', zone: 'overlap' },
    ]);
    await store.putDecisions([
      {
        itemId: 'a1',
        label: 'fruit',
        confidence: 1,
        probabilities: null,
        decidedBy: 'aggregated',
        source: 'aggregate',
        voteIds: [],
        zone: 'human',
        updatedAt: 'x',
      },
    ]);
    const labeller = tableLabeller({
      [WAITING.sureFruit]: 0.99,
      [WAITING.sureCars]: 0.02,
      [WAITING.split]: 0.55,
      [WAITING.unknown]: 0.7,
      a0: 0.5,
      a2: 0.9,
      a3: 0.9,
      a4: 0.9,
      a5: 0.9,
    });
    const report = await rescoreQueue({ store, project: loopProject, labeller, rng: createRng(1) });
    expect(report).toEqual({ strategy: 'margin', rescored: 9, settled: 1 });
    const queue = await store.people.listQueue({ kind: 'task' });
    const ids = queue.map((e) => e.itemId);
    expect(ids.slice(0, 3)).toEqual([WAITING.split, WAITING.unknown, 'a2']);
    // a0 is the closest call but sits in the overlap zone, after every human-zone item; a1 is settled.
    expect(ids.slice(-2)).toEqual(['a0', 'a1']);
    expect(queue.find((e) => e.itemId === 'a0')?.priority).toBeCloseTo(1.5, 12);
    expect(queue.find((e) => e.itemId === 'a1')?.priority).toBe(0);
  });

  it('rewrites the entries when the store has no bulk priority update', async () => {
    const store = await loopStore();
    const { people } = store;
    // Only what rescoring reads and writes, without the bulk update.
    const withoutBulk = {
      listDecisions: (q: { itemIds?: readonly string[] }) => store.listDecisions(q),
      listItems: (q: { ids?: readonly string[] }) => store.listItems(q),
      people: {
        listQueue: (q: { kind?: QueueKind }) => people.listQueue(q),
        upsertQueue: (entries: readonly QueueEntry[]) => people.upsertQueue(entries),
      },
    } as unknown as StoreWithPeople;
    await rescoreQueue({
      store: withoutBulk,
      project: loopProject,
      labeller: tableLabeller({ [WAITING.split]: 0.5 }, 0.9),
      rng: createRng(1),
      strategy: 'entropy',
    });
    const [first] = await store.people.listQueue({ kind: 'task' });
    expect(first).toMatchObject({ itemId: WAITING.split, priority: 2.5, zone: 'human' });
  });
});

describe('queueScores and queuePriority', () => {
  const rows = distributionRows([{ a: 0.5, b: 0.3, c: 0.2 }, { a: 1 }, null], ['a', 'b', 'c']);

  it('scales every strategy to [0, 1], most uncertain highest', () => {
    expect([...queueScores('margin', rows, createRng(1))]).toEqual([0.8, 0, 1]);
    const lc = queueScores('least-confidence', rows, createRng(1));
    expect(lc[0]).toBeCloseTo(0.75, 12);
    expect(lc[2]).toBeCloseTo(1, 12);
    const h = queueScores('entropy', rows, createRng(1));
    expect(h[1]).toBe(0);
    expect(h[2]).toBeCloseTo(1, 12);
    const random = queueScores('random', rows, createRng(7));
    expect(random).toHaveLength(3);
    expect([...random]).toEqual([...queueScores('random', rows, createRng(7))]);
  });

  it('keeps zones apart whatever the score', () => {
    expect(queuePriority('human', 0)).toBeGreaterThan(queuePriority('overlap', 1));
    expect(queuePriority('overlap', 0)).toBeGreaterThan(queuePriority(null, 1));
    expect(queuePriority('human', 2)).toBe(2.5);
  });
});
