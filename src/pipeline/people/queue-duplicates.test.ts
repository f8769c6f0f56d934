import { describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_CONFIG } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import { decision, item, project as aProject } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { buildQueue } from './build-queue.js';

const people = { ...DEFAULT_PEOPLE_CONFIG, exam: { size: 0, threshold: 0 }, controlRate: 0 };
const context = (store: MemoryStore) => ({
  store,
  project: aProject({ people }),
  clock: { now: () => 0 },
  rng: createRng(1),
});

describe('buildQueue with duplicates marked', () => {
  it('asks nobody about a duplicate, even when it shares a human-zone decision', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('a'), item('a2'), item('b')]);
    await store.putDecisions([
      decision('a', { zone: 'human' }),
      decision('a2', { zone: 'human' }),
      decision('b', { zone: 'overlap' }),
    ]);
    await store.replaceDuplicates([{ itemId: 'a2', duplicateOf: 'a', similarity: 1 }]);
    expect((await buildQueue(context(store))).tasks).toBe(2);
    const queued = (await store.people.listQueue({ kind: 'task' })).map((e) => e.itemId);
    expect(queued.sort()).toEqual(['a', 'b']);
  });

  it('leaves duplicates out when nothing was routed', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('a'), item('a2'), item('b')]);
    await store.replaceDuplicates([{ itemId: 'a2', duplicateOf: 'a', similarity: 0.9 }]);
    await buildQueue(context(store));
    const queued = (await store.people.listQueue({ kind: 'task' })).map((e) => e.itemId);
    expect(queued.sort()).toEqual(['a', 'b']);
  });
});
