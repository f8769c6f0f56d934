import { describe, expect, it } from 'vitest';
import type { Decision } from '../../core/types.js';
import { decision as aDecision } from '../../testing/builders/index.js';
import { answerAll, answerNext, LABELS, servedCrowd } from '../../testing/fixtures/served-crowd.js';
import { aggregateVotes } from '../votes/index.js';
import { liveAggregate } from './live-aggregate.js';
import { submitAnswer } from './submit-answer.js';
import { undoAnswer } from './undo-answer.js';

const labelsOf = (decisions: readonly Decision[]) =>
  new Map(decisions.map((d) => [d.itemId, d.label]));

function agreement(a: ReadonlyMap<string, string | null>, b: ReadonlyMap<string, string | null>) {
  let same = 0;
  for (const [id, label] of a) if (b.get(id) === label) same++;
  return same / a.size;
}

describe('liveAggregate', () => {
  it('decides each item as its answers arrive, from every vote it has', async () => {
    const served = await servedCrowd();
    const { store } = served.ctx;
    expect(await answerNext(served, 0)).toBe(true);
    const [first] = await store.listDecisions({});
    expect(first).toMatchObject({ decidedBy: 'aggregated', source: 'aggregate:recommended' });
    expect(first?.voteIds).toHaveLength(1);
    await answerAll(served);
    const decisions = await store.listDecisions({});
    expect(decisions).toHaveLength(60);
    for (const d of decisions) {
      const votes = await store.listVotes({ itemIds: [d.itemId] });
      expect(votes).toHaveLength(3);
      expect([...d.voteIds].sort()).toEqual(votes.map((v) => v.id).sort());
      expect(d.confidence).toBe(d.probabilities?.[d.label ?? '']);
    }
  });

  it('decides an item again from the votes left when an answer is taken back', async () => {
    const served = await servedCrowd();
    const { store } = served.ctx;
    await answerAll(served);
    const [before] = await store.listDecisions({});
    const itemId = before?.itemId ?? '';
    const votes = await store.listVotes({ itemIds: [itemId] });
    const taken = votes.find((v) => v.source.startsWith('human:'));
    const person = await store.people.getAnnotator(taken?.source.slice('human:'.length) ?? '');
    if (person === undefined || taken === undefined) throw new Error('no answer to take back');
    await undoAnswer(served.ctx, person, itemId);
    const after = (await store.listDecisions({ itemIds: [itemId] }))[0];
    expect(after?.voteIds).toHaveLength(votes.length - 1);
    expect(after?.voteIds).not.toContain(taken.id);
  });

  it('folds answers into the crowd model incrementally between full refits', async () => {
    const served = await servedCrowd();
    await answerAll(served);
    const crowd = served.ctx.crowd;
    crowd.fold();
    const live = await crowd.current();
    // 180 answers: one full refit after 50, the rest folded in by incremental Dawid-Skene.
    expect(live.votes).toBe(180);
    const full = await crowd.refit();
    for (const a of full.annotators) {
      const mine = live.annotators.find((b) => b.source === a.source);
      expect(Math.abs((mine?.accuracy ?? 0) - a.accuracy)).toBeLessThan(0.05);
    }
  });

  it('agrees with a full `hilo aggregate` once both use the same fit', async () => {
    const served = await servedCrowd(undefined, 120);
    const { ctx, truth } = served;
    await answerAll(served);
    const live = labelsOf(await ctx.store.listDecisions({}));
    // The same fit as a full run, then each item decided again from it.
    await ctx.crowd.refit();
    for (const id of truth.keys()) await liveAggregate(ctx, id);
    const refreshed = labelsOf(await ctx.store.listDecisions({}));
    const report = await aggregateVotes({
      store: ctx.store,
      labels: LABELS,
      clock: ctx.clock,
      method: 'recommended',
      people: ctx.store.people,
    });
    expect(report.decided).toBe(120);
    const full = labelsOf(await ctx.store.listDecisions({}));
    expect(agreement(refreshed, full)).toBe(1);
    // Decided as answers arrived, each item with the model of that moment (the first 50 answers
    // with the prior alone): later answers move people's matrices, so some early items differ
    // from the full run (101 of 120 agree here) until they are decided again.
    expect(agreement(live, full)).toBeGreaterThanOrEqual(0.8);
    const truthful = new Map([...truth].map(([id, l]) => [id, l as string | null]));
    expect(agreement(live, truthful)).toBeGreaterThanOrEqual(agreement(full, truthful) - 0.03);
  });

  it('keeps the decision of the last of concurrent answers', async () => {
    const served = await servedCrowd(undefined, 1);
    const { ctx } = served;
    const people = await Promise.all(
      ['p0', 'p1', 'p2'].map((id) => ctx.store.people.getAnnotator(id)),
    );
    const leased = [];
    for (const person of people) {
      if (person === undefined) throw new Error('missing person');
      await ctx.store.people.leaseNext({
        annotatorId: person.id,
        kind: 'task',
        now: new Date(ctx.clock.now()).toISOString(),
        expiresAt: new Date(ctx.clock.now() + 60_000).toISOString(),
      });
      leased.push(person);
    }
    await Promise.all(
      leased.map((person, i) =>
        submitAnswer(ctx, person, {
          itemId: 'i000',
          label: LABELS[i % 2] as string,
          timeSpentMs: 5000,
        }),
      ),
    );
    const [stored] = await ctx.store.listDecisions({});
    expect(stored?.voteIds).toHaveLength(3);
  });

  it('never replaces a reviewer’s decision, and stays off when the project says so', async () => {
    const served = await servedCrowd(undefined, 2);
    const { ctx } = served;
    await ctx.store.putDecisions([aDecision('i000', { label: 'c', decidedBy: 'reviewer' })]);
    await answerNext(served, 0);
    await answerNext(served, 0);
    expect(labelsOf(await ctx.store.listDecisions({})).get('i000')).toBe('c');
    expect((await ctx.store.listDecisions({})).map((d) => d.itemId)).toEqual(['i000', 'i001']);
    const off = await servedCrowd(undefined, 1);
    const ctxOff = {
      ...off.ctx,
      project: { ...off.ctx.project, people: { ...off.ctx.project.people, liveDecisions: false } },
    };
    await answerNext({ ...off, ctx: ctxOff }, 0);
    expect(await off.ctx.store.listDecisions({})).toEqual([]);
  });
});
