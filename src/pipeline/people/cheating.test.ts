import { describe, expect, it } from 'vitest';
import type { Annotator } from '../../core/ports/people-store.js';
import { DEFAULT_PEOPLE_CONFIG, type PeopleConfig } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import type { Item } from '../../core/types.js';
import { annotator, item, project as aProject } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { changeAnnotatorState } from './annotator-state.js';
import { buildQueue } from './build-queue.js';
import { nextItem } from './next-item.js';
import type { PeopleContext } from './people-context.js';
import { submitAnswer } from './submit-answer.js';
import { undoAnswer } from './undo-answer.js';

/** Gold items g1–g5 (the exam), controls c1–c8, pool items p1–p30; gold alternates spam/ham. */
async function world(
  people: Partial<PeopleConfig> = {},
): Promise<PeopleContext & { tick: (ms: number) => void }> {
  let now = Date.UTC(2026, 0, 1);
  const store = new MemoryStore();
  const gold = (i: number) => (i % 2 === 0 ? 'spam' : 'ham');
  const items: Item[] = [
    ...Array.from({ length: 30 }, (_, i) => item(`p${i + 1}`, { fields: { text: `pool ${i}` } })),
    ...Array.from({ length: 8 }, (_, i) =>
      item(`c${i + 1}`, { fields: { text: `control ${i}` }, role: 'control', goldLabel: gold(i) }),
    ),
    ...Array.from({ length: 5 }, (_, i) =>
      item(`g${i + 1}`, { fields: { text: `gold ${i}` }, role: 'gold', goldLabel: gold(i) }),
    ),
  ];
  await store.upsertItems(items);
  const ctx = {
    store,
    project: aProject({ people: { ...DEFAULT_PEOPLE_CONFIG, controlRate: 0, ...people } }),
    clock: { now: () => now },
    rng: createRng(7),
  };
  await buildQueue(ctx);
  return { ...ctx, tick: (ms) => (now += ms) };
}

async function person(ctx: PeopleContext, id: string, state: Annotator['state']) {
  await ctx.store.people.createAnnotator(annotator(id, { state }), `h-${id}`);
}

async function me(ctx: PeopleContext, id: string): Promise<Annotator> {
  const found = await ctx.store.people.getAnnotator(id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
}

async function goldOf(ctx: PeopleContext, itemId: string): Promise<string> {
  return (await ctx.store.getItem(itemId))?.goldLabel ?? '';
}

const other = (label: string) => (label === 'spam' ? 'ham' : 'spam');

describe('an annotator who reloads, lets leases expire, or cheats', () => {
  it('shows the same exam item on every reload and still finishes the exam after leases expire', async () => {
    const ctx = await world();
    await person(ctx, 'ann', 'onboarding');
    const first = await nextItem(ctx, await me(ctx, 'ann'));
    for (let i = 0; i < 20; i++) {
      ctx.tick(1000);
      expect((await nextItem(ctx, await me(ctx, 'ann')))?.itemId).toBe(first?.itemId);
    }
    expect(await ctx.store.people.listAssignments({ annotatorId: 'ann' })).toHaveLength(1);
    // a prefetch holding the shown item leases one more, and a reload gives back both
    const second = await nextItem(ctx, await me(ctx, 'ann'), { holding: [first?.itemId ?? ''] });
    expect(second?.itemId).not.toBe(first?.itemId);
    expect(
      (await nextItem(ctx, await me(ctx, 'ann'), { holding: [first?.itemId ?? ''] }))?.itemId,
    ).toBe(second?.itemId);
    // walk away past the lease: the exam items come back
    ctx.tick(31 * 60_000);
    const answered = new Set<string>();
    for (let step = 0; step < 40 && (await me(ctx, 'ann')).state === 'onboarding'; step++) {
      const served = await nextItem(ctx, await me(ctx, 'ann'));
      expect(served?.exam).toBe(true);
      const itemId = served?.itemId ?? '';
      if (step % 3 === 2) {
        ctx.tick(31 * 60_000); // this one expires unanswered too
        continue;
      }
      ctx.tick(5000);
      await submitAnswer(ctx, await me(ctx, 'ann'), {
        itemId,
        label: await goldOf(ctx, itemId),
        timeSpentMs: 5000,
      });
      answered.add(itemId);
    }
    expect(answered.size).toBe(5);
    expect((await me(ctx, 'ann')).state).toBe('active');
    expect((await nextItem(ctx, await me(ctx, 'ann')))?.exam).toBe(false);
  });

  it('never leaves an onboarding person waiting on exam items they cannot get', async () => {
    const ctx = await world();
    await person(ctx, 'ann', 'onboarding');
    const rng = createRng(3);
    for (let step = 0; step < 200 && (await me(ctx, 'ann')).state === 'onboarding'; step++) {
      const served = await nextItem(ctx, await me(ctx, 'ann'), {
        holding: rng.next() < 0.3 ? ['g1', 'g2'] : [],
      });
      // whatever happened before, an onboarding person always has an exam item to work on
      expect(served?.exam).toBe(true);
      const draw = rng.next();
      if (draw < 0.25) ctx.tick(31 * 60_000);
      else if (draw < 0.35) ctx.tick(1000);
      else {
        ctx.tick(5000);
        const itemId = served?.itemId ?? '';
        await submitAnswer(ctx, await me(ctx, 'ann'), {
          itemId,
          label: draw < 0.45 ? null : await goldOf(ctx, itemId),
          timeSpentMs: 5000,
        });
      }
    }
    expect((await me(ctx, 'ann')).state).not.toBe('onboarding');
  });

  it('scores the first answer to a control: wrong, feedback, undo, right is still wrong', async () => {
    const ctx = await world({ controlRate: 1, exam: { size: 0, threshold: 0 } });
    await person(ctx, 'cheat', 'active');
    const served = await nextItem(ctx, await me(ctx, 'cheat'));
    const itemId = served?.itemId ?? '';
    expect(itemId).toMatch(/^c/);
    const gold = await goldOf(ctx, itemId);
    ctx.tick(5000);
    const first = await submitAnswer(ctx, await me(ctx, 'cheat'), {
      itemId,
      label: other(gold),
      timeSpentMs: 5000,
    });
    expect(first.feedback).toMatchObject({ correct: false, goldLabel: gold });
    const again = await undoAnswer(ctx, await me(ctx, 'cheat'), itemId);
    expect(JSON.stringify(again)).not.toContain(gold === 'spam' ? '"spam"' : '"ham"');
    ctx.tick(5000);
    const second = await submitAnswer(ctx, await me(ctx, 'cheat'), {
      itemId,
      label: gold,
      timeSpentMs: 5000,
    });
    expect(second.feedback).toBeNull();
    expect(await me(ctx, 'cheat')).toMatchObject({ controlsSeen: 1, controlsCorrect: 0 });
    expect(await ctx.store.people.listGoldAnswers({ annotatorId: 'cheat' })).toMatchObject([
      { itemId, label: other(gold), correct: false },
    ]);
  });

  it('fails an exam with 4 of 5 wrong first answers, however they are retried after undo', async () => {
    const ctx = await world();
    await person(ctx, 'cheat', 'onboarding');
    let result = { state: 'onboarding' as string };
    for (let i = 0; i < 5; i++) {
      const served = await nextItem(ctx, await me(ctx, 'cheat'));
      const itemId = served?.itemId ?? '';
      const gold = await goldOf(ctx, itemId);
      ctx.tick(5000);
      const wrongFirst = i < 4;
      const first = await submitAnswer(ctx, await me(ctx, 'cheat'), {
        itemId,
        label: wrongFirst ? other(gold) : gold,
        timeSpentMs: 5000,
      });
      result = first;
      if (i === 4) break;
      expect(first.feedback?.goldLabel).toBe(gold);
      await undoAnswer(ctx, await me(ctx, 'cheat'), itemId);
      ctx.tick(5000);
      result = await submitAnswer(ctx, await me(ctx, 'cheat'), {
        itemId,
        label: gold,
        timeSpentMs: 5000,
      });
    }
    expect(result.state).toBe('suspended');
    expect((await me(ctx, 'cheat')).suspendedReason).toBe('exam 20% below 70%');
  });

  it('suspends a script answering every 23 ms that claims 5 s, and not an honest slow person', async () => {
    const ctx = await world({ exam: { size: 0, threshold: 0 } });
    await person(ctx, 'bot', 'active');
    await person(ctx, 'honest', 'active');
    let bot = 'active';
    for (let i = 0; i < 6 && bot === 'active'; i++) {
      const served = await nextItem(ctx, await me(ctx, 'bot'));
      ctx.tick(23);
      bot = (
        await submitAnswer(ctx, await me(ctx, 'bot'), {
          itemId: served?.itemId ?? '',
          label: i % 2 === 0 ? 'spam' : 'ham',
          timeSpentMs: 5000,
        })
      ).state;
    }
    expect(bot).toBe('suspended');
    expect((await me(ctx, 'bot')).suspendedReason).toBe('4 of the last 4 answers under 3 s');
    const votes = await ctx.store.listVotes({ source: 'human:bot' });
    expect(votes.map((v) => [v.timeSpentMs, v.latencyMs])).toEqual(
      Array.from({ length: 4 }, () => [23, 5000]),
    );
    for (let i = 0; i < 10; i++) {
      const served = await nextItem(ctx, await me(ctx, 'honest'));
      ctx.tick(6000);
      const out = await submitAnswer(ctx, await me(ctx, 'honest'), {
        itemId: served?.itemId ?? '',
        label: i % 2 === 0 ? 'spam' : 'ham',
        timeSpentMs: 100, // a slow browser clock is only a hint
      });
      expect(out.state).toBe('active');
    }
  });

  it('gives no double credit to two leases held at once', async () => {
    const ctx = await world({ exam: { size: 0, threshold: 0 } });
    await person(ctx, 'bot', 'active');
    const a = await nextItem(ctx, await me(ctx, 'bot'));
    const b = await nextItem(ctx, await me(ctx, 'bot'), { holding: [a?.itemId ?? ''] });
    ctx.tick(10_000);
    const bot = await me(ctx, 'bot');
    await submitAnswer(ctx, bot, { itemId: a?.itemId ?? '', label: 'spam', timeSpentMs: 10_000 });
    ctx.tick(30);
    await submitAnswer(ctx, bot, { itemId: b?.itemId ?? '', label: 'spam', timeSpentMs: 10_000 });
    const votes = await ctx.store.listVotes({ source: 'human:bot' });
    expect(votes.map((v) => v.timeSpentMs)).toEqual([10_000, 30]);
  });

  it('starts a fresh window when a suspension is lifted: one slow answer does not suspend again', async () => {
    const ctx = await world({ exam: { size: 0, threshold: 0 } });
    await person(ctx, 'quick', 'active');
    for (let i = 0; i < 4; i++) {
      const served = await nextItem(ctx, await me(ctx, 'quick'));
      ctx.tick(100);
      await submitAnswer(ctx, await me(ctx, 'quick'), {
        itemId: served?.itemId ?? '',
        label: i % 2 === 0 ? 'spam' : 'ham',
        timeSpentMs: 100,
      });
    }
    expect((await me(ctx, 'quick')).state).toBe('suspended');
    ctx.tick(60_000);
    const lifted = await changeAnnotatorState(ctx, 'quick', { state: 'active' });
    expect(lifted).toMatchObject({ state: 'active', suspendedReason: null });
    const served = await nextItem(ctx, lifted);
    ctx.tick(8000);
    const out = await submitAnswer(ctx, await me(ctx, 'quick'), {
      itemId: served?.itemId ?? '',
      label: 'spam',
      timeSpentMs: 8000,
    });
    expect(out).toMatchObject({ state: 'active', reason: null });
  });

  it('counts only controls after the lift towards control accuracy', async () => {
    const ctx = await world({
      controlRate: 1,
      exam: { size: 0, threshold: 0 },
      rules: { ...DEFAULT_PEOPLE_CONFIG.rules, minControls: 3, controlAccuracy: 0.6 },
    });
    await person(ctx, 'weak', 'active');
    const answerControl = async (right: boolean) => {
      const served = await nextItem(ctx, await me(ctx, 'weak'));
      const itemId = served?.itemId ?? '';
      const gold = await goldOf(ctx, itemId);
      ctx.tick(6000);
      return submitAnswer(ctx, await me(ctx, 'weak'), {
        itemId,
        label: right ? gold : other(gold),
        timeSpentMs: 6000,
      });
    };
    await answerControl(false);
    await answerControl(false);
    expect((await answerControl(false)).state).toBe('suspended');
    ctx.tick(60_000);
    await changeAnnotatorState(ctx, 'weak', { state: 'active' });
    ctx.tick(1000);
    expect((await answerControl(true)).state).toBe('active');
    expect((await answerControl(true)).state).toBe('active');
    const third = await answerControl(false);
    expect(third.reason).toBeNull();
    expect(third.state).toBe('active'); // 2 of 3 since the lift
    expect(await me(ctx, 'weak')).toMatchObject({ controlsSeen: 6, controlsCorrect: 2 });
  });
});
