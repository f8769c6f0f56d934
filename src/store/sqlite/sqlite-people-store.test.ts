import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreWithPeople } from '../../core/ports/people-store.js';
import {
  annotator as person,
  answer,
  item,
  queueEntry as entry,
} from '../../testing/builders/index.js';
import { openSqliteStore } from './sqlite-store.js';

// What the in-memory side of the SQLite people store must never get wrong: it forgets what others
// changed, and batching writes into one commit keeps each write's own outcome.
const dir = mkdtempSync(join(tmpdir(), 'hilo-sqlite-people-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = '2026-01-01T00:00:00.000Z';
const LATER = '2030-01-01T00:00:00.000Z';
let path: string;
let store: StoreWithPeople;
let files = 0;

beforeEach(async () => {
  path = join(dir, `p-${(files += 1)}.db`);
  store = await openSqliteStore({ path });
  await store.upsertItems(['a', 'b', 'c'].map((id) => item(id)));
  await store.people.upsertQueue(['a', 'b', 'c'].map((id) => entry(id, { overlap: 2 })));
  for (const id of ['ann1', 'ann2']) await store.people.createAnnotator(person(id), `hash-${id}`);
});
afterEach(async () => {
  await store.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SQLite people store in memory', () => {
  it('sees a suspension written by another connection', async () => {
    expect((await store.people.findAnnotatorByTokenHash('hash-ann1'))?.state).toBe('active');
    const other = new Database(path);
    other.prepare("update annotators set state = 'suspended' where id = 'ann1'").run();
    other.close();
    await pause(5);
    expect((await store.people.findAnnotatorByTokenHash('hash-ann1'))?.state).toBe('suspended');
    expect((await store.people.getAnnotator('ann1'))?.state).toBe('suspended');
  });

  it('sees a suspension and a token change made through the store at once', async () => {
    await store.people.getAnnotator('ann1');
    await store.people.updateAnnotator('ann1', { state: 'suspended', tokenHash: 'rotated' });
    expect((await store.people.getAnnotator('ann1'))?.state).toBe('suspended');
    expect(await store.people.findAnnotatorByTokenHash('hash-ann1')).toBeUndefined();
    expect((await store.people.findAnnotatorByTokenHash('rotated'))?.id).toBe('ann1');
  });

  it('refuses a session once deleted, and accepts a token once it became a session', async () => {
    expect(await store.people.findSession('s1', T0)).toBeUndefined();
    await store.people.createSession('s1', 'ann1', LATER);
    expect(await store.people.findSession('s1', T0)).toBe('ann1');
    await store.people.deleteSession('s1');
    expect(await store.people.findSession('s1', T0)).toBeUndefined();
  });

  it('sees votes and queue changes written through the Kysely side of the same connection', async () => {
    const lease = await store.people.leaseNext(request('ann1'));
    await store.people.completeAssignment({
      itemId: lease?.itemId ?? '',
      annotatorId: 'ann1',
      now: T0,
      vote: answer(lease?.itemId ?? '', 'ann1', 'x'),
    });
    expect((await store.people.recentVotes('human:ann1', 10)).map((v) => v.label)).toEqual(['x']);
    expect(await store.listVotes({ itemIds: ['a'] })).toHaveLength(1);
    await store.addVotes([answer('a', 'ann1', 'y')]);
    expect((await store.people.recentVotes('human:ann1', 10)).map((v) => v.label)).toEqual([
      'y',
      'x',
    ]);
    expect((await store.listVotes({ itemIds: ['a'] })).map((v) => v.label)).toEqual(['x', 'y']);
    await store.upsertItems([item('a', { fields: { text: 'changed' } })]);
    expect((await store.getItem('a'))?.fields).toEqual({ text: 'changed' });
  });

  it('keeps each write of one group commit to its own outcome', async () => {
    const results = await Promise.allSettled([
      store.people.leaseNext(request('ann1')),
      store.people.completeAssignment({
        itemId: 'c',
        annotatorId: 'ann2',
        now: T0,
        vote: answer('c', 'ann2', 'x'),
      }),
      store.people.leaseNext(request('ann2')),
      store.people.createAnnotator(person('ann1'), 'duplicate'),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    expect(results[1]).toMatchObject({ reason: { code: 'CONFLICT' } });
    expect(results[3]).toMatchObject({ reason: { code: 'CONFLICT' } });
    // The refused answer left no vote behind; the leases stand.
    expect(await store.listVotes({ source: 'human:ann2' })).toEqual([]);
    expect(await store.people.listAssignments({ state: 'leased' })).toHaveLength(2);
  });

  it('waits for a Kysely transaction instead of joining it (its rollback keeps the write)', async () => {
    let write: Promise<void> | undefined;
    await expect(
      store.transaction(async (tx) => {
        await tx.upsertItems([item('z', { fields: {} })]);
        write = store.people.setOverlap('a', 5);
        await pause(20);
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    await write;
    expect(await store.getItem('z')).toBeUndefined();
    expect((await store.people.getQueueEntry('a'))?.overlap).toBe(5);
  });
});

function request(annotatorId: string) {
  return { annotatorId, kind: 'task' as const, now: T0, expiresAt: LATER };
}
