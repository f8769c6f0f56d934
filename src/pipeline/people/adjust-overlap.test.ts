import { describe, expect, it } from 'vitest';
import { adjustOverlap } from './adjust-overlap.js';
import {
  CROWD_LABELS,
  CROWD_MACHINE,
  crowdHistory,
  crowdVote,
} from '../../testing/fixtures/crowd-fixture.js';
import { createCrowdModel } from './crowd-model.js';
import { readCrowd } from './crowd-snapshot.js';
import { itemPosterior } from './item-posterior.js';
import type { PeopleContext } from './people-context.js';
import { item, queueEntry } from '../../testing/builders/index.js';

const LABELS = CROWD_LABELS;
const MACHINE = CROWD_MACHINE;
const vote = crowdVote;
const history = crowdHistory;

/** An overlap-zone task the machine labelled `label` at `confidence`, asked of 2 people. */
async function task(ctx: PeopleContext, id: string, label: string, confidence: number) {
  await ctx.store.upsertItems([item(id)]);
  await ctx.store.addVotes([vote(id, MACHINE, label, confidence)]);
  await ctx.store.people.upsertQueue([
    queueEntry(id, { zone: 'overlap', priority: 1, overlap: 2 }),
  ]);
}

async function answer(ctx: PeopleContext, id: string, who: string, label: string) {
  await ctx.store.addVotes([vote(id, `human:${who}`, label)]);
  return adjustOverlap(ctx, id);
}

const overlapOf = async (ctx: PeopleContext, id: string) =>
  (await ctx.store.people.getQueueEntry(id))?.overlap;

describe('dynamic overlap from the Dawid-Skene crowd', () => {
  it('stops asking when two reliable people agree, even against a leaning machine', async () => {
    const ctx = await history();
    const crowd = createCrowdModel({ store: ctx.store, labels: LABELS });
    const withCrowd = { ...ctx, crowd };
    await task(ctx, 't1', 'ham', 0.7);
    expect(await answer(withCrowd, 't1', 'good1', 'spam')).toBe('waiting');
    expect(await answer(withCrowd, 't1', 'good2', 'spam')).toBe('settled');
    expect(await overlapOf(ctx, 't1')).toBe(2);
    const snapshot = await crowd.current();
    const good = snapshot.annotators.find((a) => a.source === 'human:good1');
    const bad = snapshot.annotators.find((a) => a.source === 'human:bad1');
    expect(good?.accuracy).toBeGreaterThan(0.85);
    expect(bad?.accuracy).toBeLessThan(0.75);
  });

  it('asks more people while unreliable people disagree with the machine, up to the maximum', async () => {
    const ctx = await history();
    const withCrowd = { ...ctx, crowd: createCrowdModel({ store: ctx.store, labels: LABELS }) };
    // Every answer reads its own item's votes; only the one fit reads the others.
    let fitReads = 0;
    const listVotes = ctx.store.listVotes.bind(ctx.store);
    ctx.store.listVotes = (query) => {
      if (query.itemIds?.length !== 1) fitReads++;
      return listVotes(query);
    };
    await task(ctx, 't2', 'spam', 0.8);
    await answer(withCrowd, 't2', 'bad1', 'ham');
    expect(await answer(withCrowd, 't2', 'bad2', 'ham')).toBe('raised');
    const oneFit = fitReads;
    expect(await answer(withCrowd, 't2', 'bad3', 'ham')).toBe('raised');
    expect(await answer(withCrowd, 't2', 'bad4', 'spam')).toBe('raised');
    expect(await overlapOf(ctx, 't2')).toBe(5);
    // At the maximum, people who still disagree send the item to review instead.
    expect(await answer(withCrowd, 't2', 'bad5', 'ham')).toBe('review');
    expect(await overlapOf(ctx, 't2')).toBe(5);
    // The same two answers from reliable people would have settled it.
    await task(ctx, 't3', 'spam', 0.8);
    await answer(withCrowd, 't3', 'good1', 'ham');
    expect(await answer(withCrowd, 't3', 'good2', 'ham')).toBe('settled');
    expect(oneFit).toBeGreaterThan(0);
    expect(fitReads).toBe(oneFit);
  });

  it('ignores a discounted person, in the fit and in the item posterior', async () => {
    const ctx = await history();
    const snapshot = await readCrowd({
      store: ctx.store,
      labels: LABELS,
      people: ctx.store.people,
    });
    expect(snapshot.annotators.map((a) => a.source)).not.toContain('human:disc');
    await task(ctx, 't4', 'ham', 0.95);
    await answer(ctx, 't4', 'good1', 'spam');
    // good1 and disc agree, but disc counts for nothing: one good vote against the machine.
    expect(await answer(ctx, 't4', 'disc', 'spam')).toBe('raised');
    const votes = await ctx.store.listVotes({ itemIds: ['t4'] });
    const counted = itemPosterior(snapshot, votes);
    const ignored = itemPosterior(snapshot, votes, new Set(['human:disc']));
    expect(counted.spam).toBeGreaterThan(0.9);
    expect(ignored.spam).toBeLessThan(0.9);
  });

  it('judges people with few votes by the pooled crowd, and counts only the newest vote of each', async () => {
    const ctx = await history();
    const snapshot = await readCrowd({ store: ctx.store, labels: LABELS, minVotes: 100 });
    expect(snapshot.annotators.every((a) => a.pooled)).toBe(true);
    const pooled = snapshot.confusion.subarray(snapshot.pooledRow * 4, snapshot.pooledRow * 4 + 4);
    // People on the controls: 5 × 50% and 3 × 95% right, plus the 80% prior.
    expect(pooled[0]).toBeGreaterThan(0.6);
    expect(pooled[0]).toBeLessThan(0.85);
    const stranger = itemPosterior(snapshot, [{ ...vote('x', 'human:new', 'spam'), id: 1 }]);
    const twice = itemPosterior(snapshot, [
      { ...vote('x', 'human:new', 'ham'), id: 1 },
      { ...vote('x', 'human:new', 'spam'), id: 2 },
    ]);
    expect(twice.spam).toBeCloseTo(stranger.spam ?? 0, 12);
    expect(stranger.spam).toBeGreaterThan(0.6);
  });
});
