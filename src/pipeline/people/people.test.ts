import { describe, expect, it } from 'vitest';
import type { Annotator } from '../../core/ports/people-store.js';
import { DEFAULT_PEOPLE_CONFIG, type ProjectConfig } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import type { Decision, Item } from '../../core/types.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { annotator, decision, item, project as aProject } from '../../testing/builders/index.js';
import { adjustOverlap } from './adjust-overlap.js';
import { buildQueue } from './build-queue.js';
import { nextItem } from './next-item.js';
import type { PeopleContext } from './people-context.js';
import { peopleDashboard } from './people-dashboard.js';
import { checkRules, wilsonInterval } from './quality-rules.js';
import { listReviewItems, settleReview } from './review-items.js';
import { submitAnswer } from './submit-answer.js';
import { undoAnswer } from './undo-answer.js';

const project = aProject({
  prices: { models: {}, humanHourlyUsd: 36, humanItemsPerHour: 120, hostingPerHourUsd: 0 },
  people: { ...DEFAULT_PEOPLE_CONFIG, exam: { size: 2, threshold: 0.5 }, controlRate: 0 },
});

async function setup(
  over: Partial<ProjectConfig> = {},
): Promise<PeopleContext & { tick: (ms: number) => void }> {
  let now = Date.UTC(2026, 0, 1);
  const store = new MemoryStore();
  const items: Item[] = [
    ...['p1', 'p2', 'p3'].map((id) => item(id, { fields: { text: `pool ${id}`, secret: 'x' } })),
    item('c1', { fields: { text: 'control' }, role: 'control', goldLabel: 'spam' }),
    item('g1', { fields: { text: 'gold 1' }, role: 'gold', goldLabel: 'spam' }),
    item('g2', { fields: { text: 'gold 2' }, role: 'gold', goldLabel: 'ham' }),
  ];
  await store.upsertItems(items);
  const ctx = {
    store,
    project: { ...project, ...over },
    clock: { now: () => now },
    rng: createRng(1),
  };
  await buildQueue(ctx);
  return { ...ctx, tick: (ms) => (now += ms) };
}

async function person(
  ctx: PeopleContext,
  id: string,
  state: Annotator['state'] = 'active',
): Promise<Annotator> {
  const a = annotator(id, { state });
  await ctx.store.people.createAnnotator(a, `h-${id}`);
  return a;
}

describe('people pipeline', () => {
  it('queues unrouted pool items, all controls and an exam of gold items', async () => {
    const ctx = await setup();
    const queue = await ctx.store.people.listQueue({});
    expect(
      queue
        .filter((e) => e.kind === 'task')
        .map((e) => e.itemId)
        .sort(),
    ).toEqual(['p1', 'p2', 'p3']);
    expect(queue.filter((e) => e.kind === 'control').map((e) => e.itemId)).toEqual(['c1']);
    expect(
      queue
        .filter((e) => e.kind === 'exam')
        .map((e) => e.itemId)
        .sort(),
    ).toEqual(['g1', 'g2']);
  });

  it('queues only routed items when a route ran, human zone first', async () => {
    const ctx = await setup();
    const d = (itemId: string, zone: Decision['zone'], confidence: number): Decision =>
      decision(itemId, {
        confidence,
        probabilities: { spam: confidence, ham: 1 - confidence },
        decidedBy: 'machine',
        source: 'model:x@1',
        zone,
        updatedAt: '',
      });
    await ctx.store.putDecisions([
      d('p1', 'overlap', 0.6),
      d('p2', 'human', 0.5),
      d('p3', 'accept', 0.99),
    ]);
    await buildQueue(ctx);
    const tasks = (await ctx.store.people.listQueue({ kind: 'task' })).filter(
      (e) => e.zone !== null,
    );
    expect(tasks.map((e) => [e.itemId, e.zone, e.overlap])).toEqual([
      ['p2', 'human', 1],
      ['p1', 'overlap', 2],
    ]);
  });

  it('draws the exam once: later queue builds (each serve start) keep it and only top it up', async () => {
    const ctx = await setup();
    await ctx.store.upsertItems(
      ['g3', 'g4', 'g5', 'g6'].map((id) =>
        item(id, { fields: { text: id }, role: 'gold', goldLabel: 'ham' }),
      ),
    );
    const examIds = async (): Promise<string[]> =>
      (await ctx.store.people.listQueue({ kind: 'exam' })).map((e) => e.itemId).sort();
    const first = await examIds();
    expect(first).toHaveLength(2);
    for (let seed = 2; seed < 6; seed++) {
      const counts = await buildQueue({ ...ctx, rng: createRng(seed) });
      expect(counts.exam).toBe(2);
      expect(await examIds()).toEqual(first);
    }
    const bigger = {
      ...ctx,
      project: {
        ...ctx.project,
        people: { ...ctx.project.people, exam: { size: 4, threshold: 0.5 } },
      },
      rng: createRng(9),
    };
    expect((await buildQueue(bigger)).exam).toBe(4);
    const topped = await examIds();
    expect(topped).toHaveLength(4);
    expect(topped).toEqual(expect.arrayContaining(first));
  });

  it('serves the exam first, shows only the project fields, and activates a passing annotator', async () => {
    const ctx = await setup();
    const a = await person(ctx, 'ann', 'onboarding');
    const first = await nextItem(ctx, a);
    expect(first?.exam).toBe(true);
    expect(Object.keys(first?.fields ?? {})).toEqual(['text']);
    expect(JSON.stringify(first)).not.toMatch(/spam|ham|goldLabel|role/);
    const gold = first?.itemId === 'g1' ? 'spam' : 'ham';
    const result = await submitAnswer(ctx, a, {
      itemId: first?.itemId ?? '',
      label: gold,
      timeSpentMs: 5000,
    });
    expect(result.feedback).toEqual({
      correct: true,
      goldLabel: gold,
      goldText: gold,
      description: null,
      guideline: null,
      appealable: false,
    });
    const second = await nextItem(ctx, a);
    const done = await submitAnswer(ctx, a, {
      itemId: second?.itemId ?? '',
      label: 'spam',
      timeSpentMs: 5000,
    });
    expect(done.state).toBe('active');
    const task = await nextItem(ctx, (await ctx.store.people.getAnnotator('ann')) ?? a);
    expect(task?.exam).toBe(false);
  });

  it('suspends an annotator who fails the exam', async () => {
    const ctx = await setup();
    const a = await person(ctx, 'bad', 'onboarding');
    for (let i = 0; i < 2; i++) {
      const served = await nextItem(ctx, a);
      const wrong = served?.itemId === 'g1' ? 'ham' : 'spam';
      await submitAnswer(ctx, a, { itemId: served?.itemId ?? '', label: wrong, timeSpentMs: 5000 });
    }
    expect((await ctx.store.people.getAnnotator('bad'))?.state).toBe('suspended');
    const now = (await ctx.store.people.getAnnotator('bad')) ?? a;
    await expect(nextItem(ctx, now)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('counts control answers and refuses labels outside the set or items not leased', async () => {
    const ctx = await setup({
      people: { ...DEFAULT_PEOPLE_CONFIG, controlRate: 1, exam: { size: 0, threshold: 0 } },
    } as Partial<ProjectConfig>);
    const a = await person(ctx, 'ann');
    const served = await nextItem(ctx, a);
    expect(served?.itemId).toBe('c1');
    await expect(
      submitAnswer(ctx, a, { itemId: 'c1', label: 'eggs', timeSpentMs: 5000 }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      submitAnswer(ctx, a, { itemId: 'p1', label: 'spam', timeSpentMs: 5000 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const result = await submitAnswer(ctx, a, { itemId: 'c1', label: 'ham', timeSpentMs: 5000 });
    expect(result.feedback).toMatchObject({ correct: false, goldLabel: 'spam', appealable: true });
    expect(await ctx.store.people.getAnnotator('ann')).toMatchObject({
      controlsSeen: 1,
      controlsCorrect: 0,
    });
    const again = await undoAnswer(ctx, (await ctx.store.people.getAnnotator('ann')) ?? a, 'c1');
    expect(again).toMatchObject({ itemId: 'c1', fields: { text: 'control' }, exam: false });
    // The first answer stays scored.
    expect(await ctx.store.people.getAnnotator('ann')).toMatchObject({
      controlsSeen: 1,
      controlsCorrect: 0,
    });
    expect(await ctx.store.listVotes({ itemIds: ['c1'] })).toEqual([]);
  });

  it('suspends a too-fast annotator and sends their answers to review, which a reviewer settles', async () => {
    const ctx = await setup({
      people: {
        ...DEFAULT_PEOPLE_CONFIG,
        controlRate: 0,
        overlap: { human: 1, overlap: 1, max: 1 },
        rules: { ...DEFAULT_PEOPLE_CONFIG.rules, fastCount: 3, fastWindow: 10 },
      },
    } as Partial<ProjectConfig>);
    const a = await person(ctx, 'quick');
    let state = 'active';
    for (let i = 0; i < 3; i++) {
      const served = await nextItem(ctx, a);
      ctx.tick(400);
      state = (
        await submitAnswer(ctx, a, {
          itemId: served?.itemId ?? '',
          label: 'spam',
          timeSpentMs: 400,
        })
      ).state;
    }
    expect(state).toBe('suspended');
    const review = await listReviewItems(ctx);
    expect(review.map((r) => r.itemId).sort()).toEqual(['p1', 'p2', 'p3']);
    expect(review[0]?.reason).toMatch(/rule: 3 of the last 3 answers under 3 s/);
    const reviewer = await person(ctx, 'rev');
    const decision = await settleReview(
      ctx,
      { ...reviewer, role: 'reviewer' },
      { itemId: 'p1', label: 'ham' },
    );
    expect(decision).toMatchObject({ decidedBy: 'reviewer', label: 'ham' });
    expect((await listReviewItems(ctx)).map((r) => r.itemId)).not.toContain('p1');
    const dashboard = await peopleDashboard(ctx);
    expect(dashboard.annotators.find((s) => s.id === 'quick')).toMatchObject({
      state: 'suspended',
      answers: 3,
      medianSeconds: 0.4,
    });
    expect(dashboard.spendUsd).toBeCloseTo((1.2 / 3600) * 36);
  });

  it('asks more people on overlap items while the posterior is below target, up to the maximum', async () => {
    const ctx = await setup();
    await ctx.store.putDecisions([
      {
        itemId: 'p1',
        label: 'spam',
        confidence: 0.55,
        probabilities: { spam: 0.55, ham: 0.45 },
        decidedBy: 'machine',
        source: 'm',
        voteIds: [],
        zone: 'overlap',
        updatedAt: '',
      },
    ]);
    await buildQueue(ctx);
    const people = await Promise.all(['a', 'b', 'c'].map((id) => person(ctx, id)));
    const answer = async (who: Annotator, label: string): Promise<void> => {
      const served = await nextItem(ctx, who);
      expect(served?.itemId).toBe('p1');
      await submitAnswer(ctx, who, { itemId: 'p1', label, timeSpentMs: 5000 });
    };
    await answer(people[0] as Annotator, 'spam');
    await answer(people[1] as Annotator, 'ham');
    expect((await ctx.store.people.getQueueEntry('p1'))?.overlap).toBe(3);
    await answer(people[2] as Annotator, 'spam');
    // spam, ham, spam over a 0.55 prior: posterior 0.83 < 0.9, so a fourth person is asked
    expect((await ctx.store.people.getQueueEntry('p1'))?.overlap).toBe(4);
    expect(await adjustOverlap(ctx, 'p1')).toBe('waiting');
  });
});

describe('checkRules', () => {
  const a = { seen: 10, correct: 4 };
  const v = (label: string, ms: number) => ({ itemId: 'i', label, timeSpentMs: ms, createdAt: '' });
  it('suspends at 4 fast of 10, not at 3', () => {
    const three = [
      v('a', 100),
      v('b', 100),
      v('a', 100),
      ...Array.from({ length: 7 }, () => v('b', 9000)),
    ];
    expect(checkRules(three, { ...a, correct: 9 }, DEFAULT_PEOPLE_CONFIG.rules).suspend).toBeNull();
    expect(
      checkRules([v('a', 100), ...three], { ...a, correct: 9 }, DEFAULT_PEOPLE_CONFIG.rules)
        .suspend,
    ).toMatch(/^4 of the last 10/);
  });
  it('suspends and discounts on low control accuracy, flags long runs', () => {
    const out = checkRules(
      Array.from({ length: 20 }, () => v('a', 9000)),
      a,
      DEFAULT_PEOPLE_CONFIG.rules,
    );
    expect(out).toMatchObject({ discount: true, flag: 'the last 20 answers are all "a"' });
    expect(out.suspend).toMatch(/control accuracy 40%/);
    expect(checkRules([], null, DEFAULT_PEOPLE_CONFIG.rules)).toEqual({
      suspend: null,
      discount: false,
      flag: null,
    });
  });
  it('gives a Wilson interval that holds the proportion', () => {
    const { low, high } = wilsonInterval(8, 10);
    expect(low).toBeCloseTo(0.49, 2);
    expect(high).toBeCloseTo(0.943, 2);
  });
});
