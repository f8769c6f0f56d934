import { beforeEach, describe, expect, it } from 'vitest';
import type { AnswerFlag } from '../../core/ports/answer-checks.js';
import type { LeaseRequest, StoreWithPeople } from '../../core/ports/people-store.js';
import { queueEntry as entry } from '../builders/index.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-01-01T00:20:00.000Z';

/**
 * The answer-flag and skill-matching part of the PeopleStore contract, run inside
 * `describePeopleStoreContract` on its store (items a–d, annotators ann1–ann3).
 * @example describeAnswerChecksContract(() => store)
 */
export function describeAnswerChecksContract(current: () => StoreWithPeople): void {
  let store: StoreWithPeople;
  beforeEach(() => {
    store = current();
  });

  describe('answer flags', () => {
    it('keeps one flag per answer and kind, and counts them per person', async () => {
      const people = store.people;
      expect(await people.answerFlagCounts()).toEqual([]);
      expect(
        await people.addAnswerFlags([
          flag('a', 'ann1', 'disputed'),
          flag('a', 'ann1', 'pasted'),
          flag('b', 'ann1', 'disputed'),
          flag('a', 'ann2', 'outvoted'),
        ]),
      ).toBe(4);
      expect(await people.addAnswerFlags([flag('a', 'ann1', 'disputed', 'again')])).toBe(0);
      expect(await people.answerFlagCounts()).toEqual([
        { annotatorId: 'ann1', kind: 'disputed', count: 2 },
        { annotatorId: 'ann1', kind: 'pasted', count: 1 },
        { annotatorId: 'ann2', kind: 'outvoted', count: 1 },
      ]);
    });

    it('refuses a flag naming a missing annotator, as CONFLICT', async () => {
      await expect(
        store.people.addAnswerFlags([flag('a', 'ghost', 'pasted')]),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    });
  });

  describe('leases preferring predicted labels', () => {
    beforeEach(async () => {
      await store.people.upsertQueue([
        entry('a', { priority: 1 }),
        entry('b', { priority: 0.9 }),
        entry('c', { priority: 0.5 }),
        entry('d', { priority: 0.2 }),
      ]);
      await store.people.setPredictedLabels([
        { itemId: 'a', label: 'x' },
        { itemId: 'b', label: 'y' },
        { itemId: 'c', label: 'y' },
        { itemId: 'd', label: 'z' },
        { itemId: 'not-queued', label: 'y' },
      ]);
    });

    it('takes the best entry of a preferred label within the band, else the best entry', async () => {
      const people = store.people;
      expect((await people.leaseNext(prefer('ann1', ['y'], 0.2)))?.itemId).toBe('b');
      expect((await people.leaseNext(prefer('ann2', ['y'], 0.05)))?.itemId).toBe('a');
      expect((await people.leaseNext(prefer('ann3', ['z', 'y'], 1)))?.itemId).toBe('c');
    });

    it('never leases a preferred entry twice to one person nor past its overlap', async () => {
      const people = store.people;
      expect((await people.leaseNext(prefer('ann1', ['y'], 0.2)))?.itemId).toBe('b');
      // b is taken (overlap 1) and c is below the band: the best open entry.
      expect((await people.leaseNext(prefer('ann2', ['y'], 0.2)))?.itemId).toBe('a');
      expect((await people.leaseNext(prefer('ann1', ['y'], 0.6)))?.itemId).toBe('c');
      expect((await people.leaseNext(prefer('ann1', ['q'], 1)))?.itemId).toBe('d');
      expect(await people.leaseNext(prefer('ann1', ['y'], 1))).toBeUndefined();
    });

    it('keeps predicted labels across upserts, forgets them on null, ignores them with a gold label', async () => {
      const people = store.people;
      await people.upsertQueue([entry('b', { priority: 0.9 })]);
      expect((await people.leaseNext(prefer('ann1', ['y'], 1)))?.itemId).toBe('b');
      expect((await people.leaseNext(prefer('ann2', ['y'], 1, 'y')))?.itemId).toBe('a');
      await people.setPredictedLabels([{ itemId: 'd', label: null }]);
      expect((await people.leaseNext(prefer('ann3', ['z'], 1)))?.itemId).toBe('c');
    });
  });
}

function flag(
  itemId: string,
  annotatorId: string,
  kind: AnswerFlag['kind'],
  reason = 'why',
): AnswerFlag {
  return { itemId, annotatorId, kind, reason, createdAt: T0 };
}

function prefer(
  annotatorId: string,
  preferLabels: readonly string[],
  preferWithin: number,
  goldLabel?: string,
): LeaseRequest {
  return {
    annotatorId,
    kind: 'task',
    now: T0,
    expiresAt: T2,
    preferLabels,
    preferWithin,
    ...(goldLabel === undefined ? {} : { goldLabel }),
  };
}
