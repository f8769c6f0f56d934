import { describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_CONFIG } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import { decision, item, project as aProject } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { buildQueue } from './build-queue.js';

describe('buildQueue', () => {
  it('queues routed items for people but not those an expert already decided', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('a'), item('b'), item('c')]);
    await store.putDecisions([
      decision('a', { decidedBy: 'auto', zone: 'human' }),
      decision('b', { decidedBy: 'expert', zone: 'human' }),
      decision('c', { decidedBy: 'auto', zone: 'overlap' }),
    ]);
    const people = { ...DEFAULT_PEOPLE_CONFIG, exam: { size: 0, threshold: 0 }, controlRate: 0 };
    const counts = await buildQueue({
      store,
      project: aProject({ people }),
      clock: { now: () => 0 },
      rng: createRng(1),
    });
    expect(counts.tasks).toBe(2);
    const queued = (await store.people.listQueue({ kind: 'task' })).map((e) => e.itemId);
    expect(queued.sort()).toEqual(['a', 'c']);
  });
});
