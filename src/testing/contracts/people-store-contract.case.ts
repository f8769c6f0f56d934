import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import type { StoreWithPeople } from '../../core/ports/people-store.js';
import { annotator, answer, item, queueEntry as entry } from '../builders/index.js';
import { describeGoldAnswersContract } from './gold-answers-contract.case.js';
import { describeInvitationStoreContract } from './invitation-store-contract.case.js';
import { describeItemCommentsContract } from './item-comments-contract.case.js';
import { describeAnswerChecksContract } from './answer-checks-contract.case.js';
import { describeLiveDecisionContract } from './live-decision-contract.case.js';

/**
 * The behaviour every PeopleStore must show (SQLite, PGlite, PostgreSQL, the memory fake). `open`
 * returns an empty, migrated store; it is called before each test and closed after. With `skip`
 * every case is reported as skipped under `name`.
 * @example describePeopleStoreContract('sqlite', () => openSqliteStore({ path: tempFile() }))
 */
export function describePeopleStoreContract(
  name: string,
  open: () => Promise<StoreWithPeople>,
  options: { readonly skip?: boolean } = {},
): void {
  (options.skip ? describe.skip : describe)(`PeopleStore contract: ${name}`, () => {
    let store: StoreWithPeople;
    beforeEach(async () => {
      store = await open();
      await store.upsertItems(['a', 'b', 'c', 'd'].map((id) => item(id)));
      for (const id of ['ann1', 'ann2', 'ann3'])
        await store.people.createAnnotator(annotator(id), `hash-${id}`);
    });
    afterEach(async () => {
      await store.close();
    });

    describeAnswerChecksContract(() => store);

    it('creates, finds by token hash, patches and lists annotators', async () => {
      const people = store.people;
      expect(await people.getAnnotator('ann1')).toEqual(annotator('ann1'));
      expect((await people.findAnnotatorByTokenHash('hash-ann2'))?.id).toBe('ann2');
      expect(await people.findAnnotatorByTokenHash('nope')).toBeUndefined();
      const changed = await people.updateAnnotator('ann1', {
        state: 'suspended',
        suspendedReason: 'too fast',
        controlsSeen: 4,
        controlsCorrect: 3,
        discounted: true,
        tokenHash: 'new-hash',
      });
      expect(changed).toMatchObject({
        state: 'suspended',
        suspendedReason: 'too fast',
        controlsSeen: 4,
        controlsCorrect: 3,
        discounted: true,
      });
      expect((await people.findAnnotatorByTokenHash('new-hash'))?.id).toBe('ann1');
      expect(await people.findAnnotatorByTokenHash('hash-ann1')).toBeUndefined();
      expect((await people.listAnnotators()).map((a) => a.id)).toEqual(['ann1', 'ann2', 'ann3']);
      await expect(people.updateAnnotator('ghost', { state: 'active' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(people.createAnnotator(annotator('ann1'), 'other')).rejects.toMatchObject({
        code: 'CONFLICT',
      });
    });

    it('refuses rows that name a missing item or annotator, as CONFLICT', async () => {
      const people = store.people;
      await expect(people.upsertQueue([entry('a'), entry('ghost')])).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      expect(await people.listQueue({})).toEqual([]);
      await expect(
        people.createSession('s1', 'ghost', '2030-01-01T00:00:00.000Z'),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      await people.upsertQueue([entry('a')]);
      await expect(people.leaseNext(lease('ghost'))).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((await people.leaseNext(lease('ann1')))?.itemId).toBe('a');
    });

    it('keeps sessions until they expire and forgets deleted ones', async () => {
      const people = store.people;
      await people.createSession('s1', 'ann1', '2030-01-01T00:00:00.000Z');
      expect(await people.findSession('s1', '2029-12-31T23:59:59.000Z')).toBe('ann1');
      expect(await people.findSession('s1', '2030-01-01T00:00:00.000Z')).toBeUndefined();
      expect(await people.findSession('forged', '2020-01-01T00:00:00.000Z')).toBeUndefined();
      await people.deleteSession('s1');
      expect(await people.findSession('s1', '2020-01-01T00:00:00.000Z')).toBeUndefined();
    });

    it('leases in priority order, never beyond overlap, never twice to one annotator', async () => {
      const people = store.people;
      await people.upsertQueue([
        entry('a', { priority: 1 }),
        entry('b', { priority: 5, overlap: 2 }),
        entry('c', { priority: 3 }),
      ]);
      const l1 = await people.leaseNext(lease('ann1'));
      expect(l1).toMatchObject({ itemId: 'b', annotatorId: 'ann1', state: 'leased', kind: 'task' });
      expect((await people.leaseNext(lease('ann1')))?.itemId).toBe('c');
      expect((await people.leaseNext(lease('ann2')))?.itemId).toBe('b');
      // b is full (overlap 2); c is leased once (overlap 1)
      expect((await people.leaseNext(lease('ann3')))?.itemId).toBe('a');
      expect(await people.leaseNext(lease('ann3'))).toBeUndefined();
    });

    it('sets priorities in bulk, keeping overlap, review and places taken', async () => {
      const people = store.people;
      if (!people.setQueuePriorities) return;
      await people.upsertQueue([
        entry('a', { priority: 1, overlap: 2 }),
        entry('b', { priority: 5 }),
      ]);
      await people.setReviewReason(['a'], 'check');
      expect((await people.leaseNext(lease('ann1')))?.itemId).toBe('b');
      await people.setQueuePriorities([
        { itemId: 'a', priority: 9 },
        { itemId: 'b', priority: 0 },
        { itemId: 'none', priority: 3 },
      ]);
      expect(await people.listQueue({})).toEqual([
        entry('a', { priority: 9, overlap: 2, reviewReason: 'check' }),
        entry('b', { priority: 0 }),
      ]);
      expect((await people.leaseNext(lease('ann2')))?.itemId).toBe('a');
      expect(await people.leaseNext(lease('ann3'))).toMatchObject({ itemId: 'a' });
      expect(await people.leaseNext(lease('ann4'))).toBeUndefined();
    });

    it('returns expired leases to the queue, and a late answer is refused', async () => {
      const people = store.people;
      await people.upsertQueue([entry('a')]);
      await people.leaseNext(lease('ann1', T0, T1));
      expect(await people.leaseNext(lease('ann2', T0, T2))).toBeUndefined();
      const again = await people.leaseNext(lease('ann2', T1, T2));
      expect(again?.itemId).toBe('a');
      expect((await people.listAssignments({ annotatorId: 'ann1' }))[0]?.state).toBe('expired');
      await expect(
        people.completeAssignment({
          itemId: 'a',
          annotatorId: 'ann1',
          now: T1,
          vote: vote('a', 'ann1'),
        }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      // the one whose lease expired does not get it twice
      await people.completeAssignment({ itemId: 'a', annotatorId: 'ann2', now: T1, vote: null });
      expect(await people.leaseNext(lease('ann1', T1, T2))).toBeUndefined();
    });

    it('stores the vote with the completion, frees skipped places and undoes an answer', async () => {
      const people = store.people;
      await people.upsertQueue([entry('a'), entry('b')]);
      await people.leaseNext(lease('ann1'));
      const voteId = await people.completeAssignment({
        itemId: 'a',
        annotatorId: 'ann1',
        now: T0,
        vote: vote('a', 'ann1'),
      });
      expect(typeof voteId).toBe('number');
      expect((await store.listVotes({ source: 'human:ann1' })).map((v) => v.label)).toEqual(['x']);
      expect(await people.recentVotes('human:ann1', 10)).toEqual([
        { itemId: 'a', label: 'x', timeSpentMs: 1200, createdAt: T0 },
      ]);
      await expect(
        people.completeAssignment({
          itemId: 'a',
          annotatorId: 'ann1',
          now: T0,
          vote: vote('a', 'ann1'),
        }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      await people.reopenAssignment('a', 'ann1', T2);
      expect(await store.listVotes({ source: 'human:ann1' })).toEqual([]);
      expect((await people.getAssignment('a', 'ann1'))?.state).toBe('leased');
      await people.completeAssignment({
        itemId: 'a',
        annotatorId: 'ann1',
        now: T0,
        vote: vote('a', 'ann1', 'y'),
      });
      expect((await store.listVotes({ source: 'human:ann1' })).map((v) => v.label)).toEqual(['y']);
      // a is full; a skip frees b for someone else
      const b = await people.leaseNext(lease('ann2'));
      expect(b?.itemId).toBe('b');
      await people.completeAssignment({ itemId: 'b', annotatorId: 'ann2', now: T0, vote: null });
      expect((await people.leaseNext(lease('ann3')))?.itemId).toBe('b');
      await expect(people.reopenAssignment('c', 'ann1', T2)).rejects.toBeInstanceOf(HiloError);
    });

    it('prefers controls of a wanted label, falls back to any, and keeps kinds apart', async () => {
      const people = store.people;
      await people.upsertQueue([
        entry('a', { kind: 'control', goldLabel: 'x', overlap: 100 }),
        entry('b', { kind: 'control', goldLabel: 'y', overlap: 100 }),
        entry('c', { kind: 'exam', goldLabel: 'x', overlap: 100 }),
      ]);
      expect(
        (await people.leaseNext({ ...lease('ann1'), kind: 'control', goldLabel: 'y' }))?.itemId,
      ).toBe('b');
      expect(
        (await people.leaseNext({ ...lease('ann1'), kind: 'control', goldLabel: 'y' }))?.itemId,
      ).toBe('a');
      expect(await people.leaseNext(lease('ann1'))).toBeUndefined();
      expect((await people.leaseNext({ ...lease('ann1'), kind: 'exam' }))?.itemId).toBe('c');
      expect((await people.listQueue({ kind: 'control' })).map((e) => e.itemId)).toEqual([
        'a',
        'b',
      ]);
    });

    it('raises overlap and marks items for review', async () => {
      const people = store.people;
      await people.upsertQueue([entry('a')]);
      await people.leaseNext(lease('ann1'));
      expect(await people.leaseNext(lease('ann2'))).toBeUndefined();
      await people.setOverlap('a', 2);
      expect((await people.leaseNext(lease('ann2')))?.itemId).toBe('a');
      await people.setReviewReason(['a'], 'votes disagree');
      expect(await people.listQueue({ underReview: true })).toEqual([
        { ...entry('a', { overlap: 2 }), reviewReason: 'votes disagree' },
      ]);
      // re-upserting keeps the places already taken
      await people.upsertQueue([entry('a', { overlap: 2 })]);
      expect(await people.leaseNext(lease('ann3'))).toBeUndefined();
    });

    it('gives each item at most overlap leases under concurrent requests', async () => {
      const people = store.people;
      await people.upsertQueue(['a', 'b', 'c', 'd'].map((id) => entry(id, { overlap: 2 })));
      const annotators = ['ann1', 'ann2', 'ann3'];
      const leases = await Promise.all(
        Array.from({ length: 12 }, (_, i) => people.leaseNext(lease(annotators[i % 3] ?? 'ann1'))),
      );
      const got = leases.filter((l) => l !== undefined);
      expect(got).toHaveLength(8);
      const perItem = new Map<string, Set<string>>();
      for (const l of got)
        perItem.set(l.itemId, (perItem.get(l.itemId) ?? new Set()).add(l.annotatorId));
      for (const holders of perItem.values()) expect(holders.size).toBe(2);
    });

    describeGoldAnswersContract(() => store);
    describeInvitationStoreContract(() => store);
    describeItemCommentsContract(() => store);
    describeLiveDecisionContract(() => store);
  });
}

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:10:00.000Z';
const T2 = '2026-01-01T00:20:00.000Z';

function lease(
  annotatorId: string,
  now = T0,
  expiresAt = T2,
): { annotatorId: string; kind: 'task'; now: string; expiresAt: string } {
  return { annotatorId, kind: 'task', now, expiresAt };
}

/** An answer on the x/y project, 1.2 s spent. */
function vote(itemId: string, annotatorId: string, label = 'x') {
  return answer(itemId, annotatorId, label, {
    labels: ['x', 'y'],
    timeSpentMs: 1200,
    createdAt: T0,
  });
}
