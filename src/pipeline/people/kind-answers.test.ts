import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import { DEFAULT_PEOPLE_CONFIG } from '../../core/project.js';
import { vote } from '../../testing/builders/index.js';
import { labelRun } from '../../testing/builders/run-builders.js';
import {
  kindWorld,
  multilabelProject,
  pairwiseProject,
  ratingProject,
  type KindWorld,
} from '../../testing/people/kind-world.js';
import { nextItem } from './next-item.js';
import { submitAnswer } from './submit-answer.js';

const MODEL = 'llm:m#abc';

/** Leases the person's next item and answers it; returns the item and the result. */
async function answerNext(w: KindWorld, who: string, label: string | null) {
  const served = await nextItem(w, await w.me(who));
  if (served == null) throw new Error(`nothing for ${who}`);
  w.tick(5000);
  const result = await submitAnswer(w, await w.me(who), {
    itemId: served.itemId,
    label,
    timeSpentMs: 5000,
  });
  return { itemId: served.itemId, ...result };
}

/** The refusal of an answer, after checking that nothing was stored and the lease lives on. */
async function refused(w: KindWorld, who: string, label: string): Promise<string> {
  const served = await nextItem(w, await w.me(who));
  const itemId = served?.itemId ?? '';
  const error = await submitAnswer(w, await w.me(who), { itemId, label, timeSpentMs: 5000 }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HiloError);
  expect((error as HiloError).code).toBe('INVALID_INPUT');
  expect(await w.store.listVotes({ itemIds: [itemId] })).toEqual([]);
  expect((await w.store.people.getAssignment(itemId, who))?.state).toBe('leased');
  return (error as HiloError).message;
}

describe('answers are checked against the kind', () => {
  it('stores a multi-label set in any order as its code, with a yes-probability per label', async () => {
    const w = await kindWorld(multilabelProject(), { pool: 3 });
    await w.person('ann');
    const { itemId } = await answerNext(w, 'ann', 'insult|toxic');
    const [stored] = await w.store.listVotes({ itemIds: [itemId] });
    expect(stored?.label).toBe('toxic|insult');
    expect(stored?.probabilities).toEqual({ toxic: 1, obscene: 0, insult: 1, threat: 0 });
    const empty = await answerNext(w, 'ann', '');
    expect((await w.store.listVotes({ itemIds: [empty.itemId] }))[0]?.label).toBe('');
  });

  it('refuses a cheater’s set: a label outside the set, too many labels, a name twice', async () => {
    const w = await kindWorld(multilabelProject(), { pool: 3 });
    await w.person('eve');
    expect(await refused(w, 'eve', 'toxic|spam')).toMatch(/"spam" is not one of the labels/);
    expect(await refused(w, 'eve', 'toxic|obscene|insult|threat')).toMatch(
      /a set of 4 labels; this project takes at most 3 \(multilabel.maxLabels\)/,
    );
    expect(await refused(w, 'eve', 'toxic|toxic')).toMatch(/"toxic" appears twice/);
    const atLeastOne = await kindWorld(
      multilabelProject({ multilabel: { minLabels: 1, maxLabels: null, measure: 'exact' } }),
      { pool: 1 },
    );
    await atLeastOne.person('eve');
    expect(await refused(atLeastOne, 'eve', '')).toMatch(/at least 1 \(multilabel.minLabels\)/);
  });

  it('refuses a tie when ties are off, and a level off the scale', async () => {
    const noTies = await kindWorld(pairwiseProject(false), { pool: 2 });
    await noTies.person('eve');
    expect(await refused(noTies, 'eve', 'tie')).toMatch(/"tie" is not an answer here/);
    expect((await answerNext(noTies, 'eve', 'b')).state).toBe('active');
    const scale = await kindWorld(ratingProject(), { pool: 2 });
    await scale.person('eve');
    expect(await refused(scale, 'eve', '6')).toMatch(/not a level of the scale \(1, 2, 3, 4, 5\)/);
    expect(await refused(scale, 'eve', '')).toMatch(/"" is not a level/);
  });
});

describe('controls and exams are scored in the kind’s terms', () => {
  it('counts only the exact set right on a control, and says the right set in words', async () => {
    const w = await kindWorld(multilabelProject(), {
      controls: ['toxic|insult', 'obscene'],
      people: { controlRate: 1 },
    });
    await w.person('ann');
    const right = await answerNext(w, 'ann', 'insult|toxic');
    const wrong = await answerNext(w, 'ann', 'toxic|insult');
    const [first, second] = right.itemId === 'c1' ? [right, wrong] : [wrong, right];
    expect(first.feedback).toMatchObject({ correct: true, goldText: 'toxic, insult' });
    expect(second.feedback).toMatchObject({
      correct: false,
      goldLabel: 'obscene',
      goldText: 'obscene',
      appealable: true,
    });
    expect(second.feedback?.description).toBe(
      [
        '"toxic" does not apply: Rude, disrespectful or unreasonable.',
        '"obscene" applies: Swear words, sexual terms.',
        '"insult" does not apply: Attacks a person or a group.',
      ].join('\n'),
    );
    expect(await w.me('ann')).toMatchObject({ controlsSeen: 2, controlsCorrect: 1 });
  });

  it('suspends on an exam of sets judged exactly: two of three sets right is 67%, below 70%', async () => {
    const w = await kindWorld(multilabelProject(), {
      pool: 2,
      exam: ['toxic', 'toxic|insult', ''],
    });
    await w.person('ann', 'onboarding');
    const answers: Record<string, string> = { g1: 'toxic', g2: 'toxic', g3: '' };
    let last = null;
    for (let i = 0; i < 3; i++) {
      const served = await nextItem(w, await w.me('ann'));
      last = await submitAnswer(w, await w.me('ann'), {
        itemId: served?.itemId ?? '',
        label: answers[served?.itemId ?? ''] ?? '',
        timeSpentMs: 5000,
      });
    }
    expect(last).toMatchObject({ state: 'suspended', reason: 'exam 67% below 70%' });
  });

  it('counts a rating within ±k right when the project measures within-k, and names the level', async () => {
    const within = await kindWorld(ratingProject({ rating: { measure: 'within-k', withinK: 1 } }), {
      controls: ['4'],
      people: { controlRate: 1 },
    });
    await within.person('ann');
    expect((await answerNext(within, 'ann', '3')).feedback).toMatchObject({
      correct: true,
      goldText: '4 — severe',
    });
    const exact = await kindWorld(ratingProject(), { controls: ['4'], people: { controlRate: 1 } });
    await exact.person('ann');
    expect((await answerNext(exact, 'ann', '3')).feedback).toMatchObject({
      correct: false,
      goldText: '4 — severe',
      description: 'severe',
    });
  });

  it('scores a pairwise verdict exactly and says "B better"', async () => {
    const w = await kindWorld(pairwiseProject(), { controls: ['b'], people: { controlRate: 1 } });
    await w.person('ann');
    expect((await answerNext(w, 'ann', 'tie')).feedback).toMatchObject({
      correct: false,
      goldLabel: 'b',
      goldText: 'B better',
    });
  });
});

describe('the same-label rule on sets', () => {
  const rules = { ...DEFAULT_PEOPLE_CONFIG.rules, sameLabelRun: 3, fastCount: 0 };

  it('flags a run of one identical set, the empty set included, but not a run of different sets', async () => {
    const w = await kindWorld(multilabelProject(), { pool: 9, people: { rules } });
    await w.person('ann');
    await w.person('bob');
    await w.person('cy');
    for (let i = 0; i < 3; i++)
      await answerNext(w, 'ann', i === 1 ? 'insult|toxic' : 'toxic|insult');
    expect((await w.me('ann')).flaggedReason).toBe('the last 3 answers are all "toxic|insult"');
    for (let i = 0; i < 3; i++) await answerNext(w, 'bob', '');
    expect((await w.me('bob')).flaggedReason).toBe('the last 3 answers are all the empty set');
    for (const set of ['toxic', 'toxic|insult', 'toxic']) await answerNext(w, 'cy', set);
    expect((await w.me('cy')).flaggedReason).toBeNull();
  });
});

describe('pre-annotation of a set', () => {
  it('suggests the machine’s set with the probability that the whole set is right', async () => {
    const w = await kindWorld(multilabelProject(), { pool: 1, people: { preAnnotate: true } });
    await w.store.createRun(labelRun('label-1', MODEL));
    const probabilities = { toxic: 0.9, obscene: 0.1, insult: 0.8, threat: 0.05 };
    await w.store.addVotes([vote('p1', MODEL, { label: 'toxic|insult', probabilities })]);
    await w.person('ann');
    const served = await nextItem(w, await w.me('ann'));
    expect(served?.suggestion?.label).toBe('toxic|insult');
    expect(served?.suggestion?.confidence).toBeCloseTo(0.9 * 0.9 * 0.8 * 0.95, 12);
  });
});
