import { expect, it } from 'vitest';
import type { GoldAnswer } from '../../core/ports/gold-answers.js';
import type { StoreWithPeople } from '../../core/ports/people-store.js';
import { queueEntry as entry } from '../builders/index.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:10:00.000Z';
const T2 = '2026-01-01T00:20:00.000Z';
const T3 = '2026-01-01T00:30:00.000Z';

function gold(itemId: string, annotatorId: string, over: Partial<GoldAnswer> = {}): GoldAnswer {
  return {
    annotatorId,
    itemId,
    kind: 'control',
    label: 'x',
    goldLabel: 'y',
    correct: false,
    answeredAt: T0,
    ...over,
  };
}

/**
 * The PeopleStore cases for gold answers, appeals, exam re-leases and the rules' window start,
 * run from describePeopleStoreContract (items a–d and annotators ann1–ann3 exist).
 * @example describeGoldAnswersContract(() => store)
 */
export function describeGoldAnswersContract(store: () => StoreWithPeople): void {
  it('keeps the first gold answer of a person on an item and never rewrites it', async () => {
    const people = store().people;
    const first = await people.recordGoldAnswer(gold('a', 'ann1'));
    expect(first).toEqual({ kept: gold('a', 'ann1'), first: true });
    const again = await people.recordGoldAnswer(
      gold('a', 'ann1', { label: 'y', correct: true, answeredAt: T1 }),
    );
    expect(again).toEqual({ kept: gold('a', 'ann1'), first: false });
    await people.recordGoldAnswer(gold('b', 'ann1', { kind: 'exam', answeredAt: T2 }));
    await people.recordGoldAnswer(gold('a', 'ann2', { correct: true, label: 'y', answeredAt: T1 }));
    expect((await people.listGoldAnswers({ annotatorId: 'ann1' })).map((g) => g.itemId)).toEqual([
      'a',
      'b',
    ]);
    expect(await people.listGoldAnswers({ annotatorId: 'ann1', kind: 'exam' })).toEqual([
      gold('b', 'ann1', { kind: 'exam', answeredAt: T2 }),
    ]);
    expect(
      (await people.listGoldAnswers({ since: T1 })).map((g) => `${g.annotatorId}:${g.itemId}`),
    ).toEqual(['ann2:a', 'ann1:b']);
    expect((await people.listGoldAnswers({ itemId: 'a' })).length).toBe(2);
    await expect(people.recordGoldAnswer(gold('ghost', 'ann1'))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('keeps one appeal per gold answer and settles it once; upholding marks it correct', async () => {
    const people = store().people;
    await expect(
      people.createAppeal({ annotatorId: 'ann1', itemId: 'a', comment: 'no', createdAt: T0 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await people.recordGoldAnswer(gold('a', 'ann1'));
    await people.recordGoldAnswer(gold('b', 'ann1'));
    const appeal = await people.createAppeal({
      annotatorId: 'ann1',
      itemId: 'a',
      comment: 'the text says x',
      createdAt: T1,
    });
    expect(appeal).toMatchObject({
      annotatorId: 'ann1',
      itemId: 'a',
      comment: 'the text says x',
      state: 'open',
      note: null,
      createdAt: T1,
      settledAt: null,
      settledBy: null,
    });
    await expect(
      people.createAppeal({ annotatorId: 'ann1', itemId: 'a', comment: 'again', createdAt: T2 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const other = await people.createAppeal({
      annotatorId: 'ann1',
      itemId: 'b',
      comment: 'b too',
      createdAt: T2,
    });
    expect(other.id).not.toBe(appeal.id);
    expect((await people.listAppeals({ state: 'open' })).map((a) => a.itemId)).toEqual(['a', 'b']);
    const upheld = await people.settleAppeal({
      id: appeal.id,
      state: 'upheld',
      note: 'the gold was wrong',
      settledBy: 'ann3',
      settledAt: T3,
    });
    expect(upheld).toMatchObject({
      state: 'upheld',
      note: 'the gold was wrong',
      settledBy: 'ann3',
    });
    expect((await people.listGoldAnswers({ itemId: 'a' }))[0]?.correct).toBe(true);
    await people.settleAppeal({
      id: other.id,
      state: 'rejected',
      note: 'gold stands',
      settledBy: 'ann3',
      settledAt: T3,
    });
    expect((await people.listGoldAnswers({ itemId: 'b' }))[0]?.correct).toBe(false);
    await expect(
      people.settleAppeal({
        id: other.id,
        state: 'upheld',
        note: '',
        settledBy: 'ann3',
        settledAt: T3,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      people.settleAppeal({ id: 999, state: 'upheld', note: '', settledBy: 'ann3', settledAt: T3 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await people.listAppeals({ annotatorId: 'ann1' })).map((a) => a.state)).toEqual([
      'upheld',
      'rejected',
    ]);
    expect(await people.listAppeals({ annotatorId: 'ann2' })).toEqual([]);
  });

  it('leases an exam item again to the person whose lease on it expired, not a task', async () => {
    const people = store().people;
    await people.upsertQueue([
      entry('a', { kind: 'exam', goldLabel: 'x', overlap: 100 }),
      entry('b', { overlap: 100 }),
    ]);
    const exam = { annotatorId: 'ann1', kind: 'exam' as const, now: T0, expiresAt: T1 };
    expect((await people.leaseNext(exam))?.itemId).toBe('a');
    expect(await people.leaseNext(exam)).toBeUndefined();
    const again = await people.leaseNext({ ...exam, now: T1, expiresAt: T3 });
    expect(again).toMatchObject({ itemId: 'a', state: 'leased', leasedAt: T1, expiresAt: T3 });
    expect(await people.getAssignment('a', 'ann1')).toMatchObject({
      state: 'leased',
      expiresAt: T3,
    });
    await people.completeAssignment({ itemId: 'a', annotatorId: 'ann1', now: T2, vote: null });
    expect(await people.leaseNext({ ...exam, now: T2, expiresAt: T3 })).toBeUndefined();
    const task = { annotatorId: 'ann1', kind: 'task' as const, now: T0, expiresAt: T1 };
    expect((await people.leaseNext(task))?.itemId).toBe('b');
    expect(await people.leaseNext({ ...task, now: T2, expiresAt: T3 })).toBeUndefined();
  });

  it('keeps where the rules window starts', async () => {
    const people = store().people;
    expect((await people.getAnnotator('ann1'))?.rulesSince).toBeNull();
    const lifted = await people.updateAnnotator('ann1', { state: 'active', rulesSince: T2 });
    expect(lifted.rulesSince).toBe(T2);
    expect((await people.listAnnotators()).find((a) => a.id === 'ann1')?.rulesSince).toBe(T2);
    await people.updateAnnotator('ann1', { discounted: true });
    expect((await people.getAnnotator('ann1'))?.rulesSince).toBe(T2);
  });
}
