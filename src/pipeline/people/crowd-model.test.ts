import { describe, expect, it } from 'vitest';
import type { NewVote, Vote } from '../../core/types.js';
import type { VoteQuery } from '../../core/ports/store.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { createCrowdModel } from './crowd-model.js';
import { annotator, answer, item } from '../../testing/builders/index.js';

const LABELS = ['a', 'b'];

/** A store whose vote reads can be made to fail, and which counts them. */
class FlakyStore extends MemoryStore {
  failing = false;
  reads = 0;
  override async listVotes(query: VoteQuery): Promise<Vote[]> {
    this.reads++;
    if (this.failing) throw new Error('disk gone');
    return super.listVotes(query);
  }
}

function votes(count: number, from = 0): NewVote[] {
  return Array.from({ length: count }, (_, i) =>
    answer(`i${from + i}`, `p${(from + i) % 3}`, LABELS[(from + i) % 2] as string, {
      labels: LABELS,
      timeSpentMs: 5000,
    }),
  );
}

/** A store with items i0…i119 and people p0, p1 and p2. */
async function peopleStore(): Promise<FlakyStore> {
  const store = new FlakyStore();
  await store.upsertItems(Array.from({ length: 120 }, (_, i) => item(`i${i}`)));
  for (const id of ['p0', 'p1', 'p2']) await store.people.createAnnotator(annotator(id), `h-${id}`);
  return store;
}

describe('createCrowdModel', () => {
  it('fits once, serves the cached fit, and refits in the background after enough answers', async () => {
    const store = await peopleStore();
    await store.addVotes(votes(100));
    const crowd = createCrowdModel({ store, labels: LABELS, refitEvery: 5, refitShare: 0.2 });
    const first = await crowd.current();
    expect(first.votes).toBe(100);
    expect(await crowd.current()).toBe(first);
    await store.addVotes(votes(19, 100));
    crowd.noteAnswers(19); // below max(5, 0.2 × 100)
    await crowd.idle();
    expect(await crowd.current()).toBe(first);
    expect(store.reads).toBe(4);
    await store.addVotes(votes(1, 119));
    crowd.noteAnswers();
    // The refit runs in the background: answers meanwhile get the previous fit.
    expect(await crowd.current()).toBe(first);
    await crowd.idle();
    expect((await crowd.current()).votes).toBe(120);
    expect(store.reads).toBe(8);
  });

  it('keeps the previous fit and reports the error when a background refit fails', async () => {
    const store = await peopleStore();
    await store.addVotes(votes(10));
    const errors: unknown[] = [];
    const crowd = createCrowdModel({
      store,
      labels: LABELS,
      refitEvery: 1,
      refitShare: 0.2,
      onError: (e) => errors.push(e),
    });
    const first = await crowd.refit();
    store.failing = true;
    crowd.noteAnswers(3);
    await crowd.idle();
    expect(errors).toHaveLength(1);
    expect(await crowd.current()).toBe(first);
    store.failing = false;
    crowd.noteAnswers(); // the 3 answers are still owed a refit
    await crowd.idle();
    expect(await crowd.current()).not.toBe(first);
  });

  it('lets other work run after the read and between EM sweeps', async () => {
    const store = await peopleStore();
    await store.addVotes(votes(60));
    let pauses = 0;
    const crowd = createCrowdModel({
      store,
      labels: LABELS,
      pause: async () => {
        pauses++;
        await Promise.resolve();
      },
    });
    const snapshot = await crowd.refit();
    expect(snapshot.iterations).toBeGreaterThan(1);
    // One before the votes of each person, each page of items, building the matrix and each sweep.
    expect(pauses).toBe(3 + 1 + 1 + snapshot.iterations);
  });
});
