import { describe, expect, it } from 'vitest';
import type { Annotator } from '../../core/ports/people-store.js';
import { DEFAULT_PEOPLE_CONFIG, type PeopleConfig } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import { annotator, item, project as aProject } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { fileAppeal, listAppeals, settleAppeal } from './appeals.js';
import { buildQueue } from './build-queue.js';
import { guidelinePassage } from './gold-feedback.js';
import { nextItem } from './next-item.js';
import type { PeopleContext } from './people-context.js';
import { submitAnswer } from './submit-answer.js';

const GUIDELINES = [
  'Label each message.',
  'A message is Spam when it sells something nobody asked for, even politely.',
  'Ham is everything else.',
].join('\n\n');

async function world(people: Partial<PeopleConfig> = {}) {
  let now = Date.UTC(2026, 0, 1);
  const store = new MemoryStore();
  await store.upsertItems([
    item('p1'),
    ...['c1', 'c2', 'c3'].map((id) =>
      item(id, { role: 'control', goldLabel: 'spam', fields: { text: id, truth: 'spam' } }),
    ),
    item('g1', { role: 'gold', goldLabel: 'spam' }),
    item('g2', { role: 'gold', goldLabel: 'ham' }),
  ]);
  const ctx: PeopleContext & { tick: (ms: number) => void } = {
    store,
    project: aProject({
      guidelines: GUIDELINES,
      labels: [
        { name: 'spam', description: 'Unwanted selling.' },
        { name: 'ham', description: 'Anything else.' },
      ],
      people: { ...DEFAULT_PEOPLE_CONFIG, controlRate: 1, ...people },
    }),
    clock: { now: () => now },
    rng: createRng(1),
    tick: (ms) => (now += ms),
  };
  await buildQueue(ctx);
  for (const a of [
    annotator('ann', { state: people.exam?.size === 0 ? 'active' : 'onboarding' }),
    annotator('rev', { role: 'reviewer' }),
  ])
    await store.people.createAnnotator(a, `h-${a.id}`);
  return ctx;
}

async function me(ctx: PeopleContext, id = 'ann'): Promise<Annotator> {
  const found = await ctx.store.people.getAnnotator(id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
}

async function answerNext(ctx: PeopleContext & { tick: (ms: number) => void }, label: string) {
  const served = await nextItem(ctx, await me(ctx));
  ctx.tick(6000);
  const result = await submitAnswer(ctx, await me(ctx), {
    itemId: served?.itemId ?? '',
    label,
    timeSpentMs: 6000,
  });
  return { itemId: served?.itemId ?? '', result };
}

describe('feedback and appeals', () => {
  it('tells a wrong answer why: the label description and the guideline passage', async () => {
    const ctx = await world({ exam: { size: 0, threshold: 0 } });
    const { result } = await answerNext(ctx, 'ham');
    expect(result.feedback).toEqual({
      correct: false,
      goldLabel: 'spam',
      goldText: 'spam',
      description: 'Unwanted selling.',
      guideline: 'A message is Spam when it sells something nobody asked for, even politely.',
      appealable: true,
    });
    expect(guidelinePassage(GUIDELINES, 'eggs')).toBeNull();
    expect(guidelinePassage('Spammy words are not spam.', 'spa')).toBeNull();
  });

  it('upholds an appeal: the answer counts, the control suspension is lifted, the gold fixed', async () => {
    const ctx = await world({
      exam: { size: 0, threshold: 0 },
      rules: { ...DEFAULT_PEOPLE_CONFIG.rules, minControls: 2, controlAccuracy: 0.6 },
    });
    const first = await answerNext(ctx, 'ham');
    const second = await answerNext(ctx, 'ham');
    expect(second.result.state).toBe('suspended');
    expect(await me(ctx)).toMatchObject({ controlsSeen: 2, controlsCorrect: 0, discounted: true });
    // suspended people may still appeal
    const appeal = await fileAppeal(ctx, await me(ctx), {
      itemId: first.itemId,
      comment: 'It offers nothing for sale.',
    });
    await expect(
      fileAppeal(ctx, await me(ctx), { itemId: first.itemId, comment: 'again' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      fileAppeal(ctx, await me(ctx), { itemId: 'p1', comment: 'not gold' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const open = await listAppeals(ctx, { state: 'open' });
    expect(open).toEqual([
      expect.objectContaining({
        id: appeal.id,
        annotatorName: 'ann',
        kind: 'control',
        label: 'ham',
        goldLabel: 'spam',
        comment: 'It offers nothing for sale.',
        fields: { text: first.itemId },
      }),
    ]);
    await expect(
      settleAppeal(ctx, await me(ctx), { id: appeal.id, state: 'upheld', note: 'mine' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    // one of two right is 50%: still below 60%, so the suspension stands
    await settleAppeal(ctx, await me(ctx, 'rev'), {
      id: appeal.id,
      state: 'upheld',
      note: 'The gold was wrong.',
      fixGold: true,
    });
    expect(await me(ctx)).toMatchObject({ state: 'suspended', controlsCorrect: 1 });
    expect((await ctx.store.getItem(first.itemId))?.goldLabel).toBe('ham');
    expect((await ctx.store.people.getQueueEntry(first.itemId))?.goldLabel).toBe('ham');
    const another = await fileAppeal(ctx, await me(ctx), {
      itemId: second.itemId,
      comment: 'Same here.',
    });
    await settleAppeal(ctx, await me(ctx, 'rev'), {
      id: another.id,
      state: 'upheld',
      note: 'Agreed.',
    });
    expect(await me(ctx)).toMatchObject({
      state: 'active',
      suspendedReason: null,
      discounted: false,
      controlsSeen: 2,
      controlsCorrect: 2,
    });
    expect((await listAppeals(ctx, {})).map((a) => a.state)).toEqual(['upheld', 'upheld']);
    await expect(
      settleAppeal(ctx, await me(ctx, 'rev'), { id: another.id, state: 'rejected', note: '' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('reinstates a person failed by the exam when an upheld appeal makes them pass', async () => {
    const ctx = await world({ exam: { size: 2, threshold: 0.5 } });
    const wrong = async () => {
      const served = await nextItem(ctx, await me(ctx));
      const itemId = served?.itemId ?? '';
      const gold = (await ctx.store.getItem(itemId))?.goldLabel;
      ctx.tick(6000);
      const label = gold === 'spam' ? 'ham' : 'spam';
      await submitAnswer(ctx, await me(ctx), { itemId, label, timeSpentMs: 6000 });
      return itemId;
    };
    const a = await wrong();
    const b = await wrong();
    expect(await me(ctx)).toMatchObject({
      state: 'suspended',
      suspendedReason: 'exam 0% below 50%',
    });
    const first = await fileAppeal(ctx, await me(ctx), { itemId: a, comment: 'no' });
    const rejected = await settleAppeal(ctx, await me(ctx, 'rev'), {
      id: first.id,
      state: 'rejected',
      note: 'The gold stands.',
    });
    expect(rejected).toMatchObject({
      state: 'rejected',
      note: 'The gold stands.',
      settledBy: 'rev',
    });
    expect((await me(ctx)).state).toBe('suspended');
    const second = await fileAppeal(ctx, await me(ctx), { itemId: b, comment: 'see the text' });
    await settleAppeal(ctx, await me(ctx, 'rev'), { id: second.id, state: 'upheld', note: 'ok' });
    expect(await me(ctx)).toMatchObject({ state: 'active', suspendedReason: null });
  });

  it('refuses appeals of right answers, and any appeal when the project gives no feedback', async () => {
    const ctx = await world({ exam: { size: 0, threshold: 0 } });
    const right = await answerNext(ctx, 'spam');
    await expect(
      fileAppeal(ctx, await me(ctx), { itemId: right.itemId, comment: 'why' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: 'a right answer needs no appeal' });
    const quiet = await world({ exam: { size: 0, threshold: 0 }, controlFeedback: false });
    const wrong = await answerNext(quiet, 'ham');
    expect(wrong.result.feedback).toBeNull();
    await expect(
      fileAppeal(quiet, await me(quiet), { itemId: wrong.itemId, comment: 'why' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
