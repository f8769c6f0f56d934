import { describe, expect, it } from 'vitest';
import type { NewVote, Vote } from '../../core/types.js';
import type { VoteQuery } from '../../core/ports/store.js';
import { MemoryStore } from '../testing/memory-store.js';
import { createCrowdModel } from './crowd-model.js';
import { voteFixture } from './vote-fixture.js';

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
    voteFixture(`i${from + i}`, `human:p${(from + i) % 3}`, LABELS[(from + i) % 2] as string, {
      other: LABELS[(from + i + 1) % 2] as string,
    }),
  );
}

/** Adds `count` votes from index `from` on task items of the people queue. */
async function answered(store: MemoryStore, count: number, from = 0): Promise<void> {
  const added = votes(count, from);
  await store.addVotes(added);
  await store.people.upsertQueue(
    added.map((v) => ({
      itemId: v.itemId,
      kind: 'task' as const,
      zone: 'overlap' as const,
      priority: 1,
      overlap: 2,
      goldLabel: null,
      reviewReason: null,
    })),
  );
}

describe('createCrowdModel', () => {
  it('fits once, serves the cached fit, and refits in the background after enough answers', async () => {
    const store = new FlakyStore();
    await answered(store, 100);
    const crowd = createCrowdModel({ store, labels: LABELS, refitEvery: 5, refitShare: 0.2 });
    const first = await crowd.current();
    expect(first.votes).toBe(100);
    expect(await crowd.current()).toBe(first);
    await answered(store, 19, 100);
    crowd.noteAnswers(19); // below max(5, 0.2 × 100)
    await crowd.idle();
    expect(await crowd.current()).toBe(first);
    expect(store.reads).toBe(1);
    await answered(store, 1, 119);
    crowd.noteAnswers();
    // The refit runs in the background: answers meanwhile get the previous fit.
    expect(await crowd.current()).toBe(first);
    await crowd.idle();
    expect((await crowd.current()).votes).toBe(120);
    expect(store.reads).toBe(2);
  });

  it('keeps the previous fit and reports the error when a background refit fails', async () => {
    const store = new FlakyStore();
    await answered(store, 10);
    const errors: unknown[] = [];
    const crowd = createCrowdModel({
      store,
      labels: LABELS,
      refitEvery: 1,
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
    const store = new FlakyStore();
    await answered(store, 60);
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
    // One before each page of votes read (one page here) and before each sweep.
    expect(pauses).toBe(1 + snapshot.iterations);
  });
});
