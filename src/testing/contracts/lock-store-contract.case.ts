import { beforeEach, describe, expect, it } from 'vitest';
import type { LockRequest } from '../../core/ports/lock-store.js';
import type { Store } from '../../core/ports/store.js';

/**
 * The named-lock part of the Store contract, run inside `describeStoreContract` on the store it
 * opened for each test. Times are passed in, so lapsing is tested without waiting.
 * @example describeLockStoreContract(() => store)
 */
export function describeLockStoreContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe('locks', () => {
    it('gives a free lock to the first owner and names it to the next, who does not get it', async () => {
      expect(await store.getLock('learn')).toBeUndefined();
      const first = await store.acquireLock(request('a', 0, 60));
      expect(first).toEqual({
        name: 'learn',
        owner: 'a',
        holder: 'pid 1 on host a',
        since: at(0),
        expiresAt: at(60),
      });
      const second = await store.acquireLock(request('b', 10, 70));
      expect(second).toEqual(first);
      expect(await store.getLock('learn')).toEqual(first);
      // Another name is another lock.
      expect((await store.acquireLock({ ...request('b', 10, 70), name: 'other' })).owner).toBe('b');
    });

    it('renews by taking again or by renewLock, keeping since; a renewed lock is not lapsed', async () => {
      await store.acquireLock(request('a', 0, 60));
      expect(await store.acquireLock(request('a', 30, 90))).toMatchObject({
        owner: 'a',
        since: at(0),
        expiresAt: at(90),
      });
      expect(await store.renewLock('learn', 'a', at(150))).toBe(true);
      expect((await store.acquireLock(request('b', 120, 180))).owner).toBe('a');
      expect(await store.renewLock('learn', 'b', at(500))).toBe(false);
      expect((await store.getLock('learn'))?.expiresAt).toBe(at(150));
    });

    it('lets another owner take a lapsed lock, after which the old owner can neither renew nor release it', async () => {
      await store.acquireLock(request('a', 0, 60));
      const taken = await store.acquireLock(request('b', 60, 120));
      expect(taken).toMatchObject({ owner: 'b', holder: 'pid 1 on host b', since: at(60) });
      expect(await store.renewLock('learn', 'a', at(200))).toBe(false);
      await store.releaseLock('learn', 'a');
      expect((await store.getLock('learn'))?.owner).toBe('b');
      await store.releaseLock('learn', 'b');
      expect(await store.getLock('learn')).toBeUndefined();
      expect(await store.renewLock('learn', 'b', at(200))).toBe(false);
      expect((await store.acquireLock(request('c', 61, 121))).owner).toBe('c');
    });

    it('gives a lock asked for by many owners at once to exactly one of them', async () => {
      const owners = ['a', 'b', 'c', 'd', 'e'];
      const results = await Promise.all(owners.map((o) => store.acquireLock(request(o, 0, 60))));
      const winners = new Set(results.map((held) => held.owner));
      expect(winners.size).toBe(1);
      expect(owners).toContain([...winners][0]);
      expect((await store.getLock('learn'))?.owner).toBe([...winners][0]);
    });
  });
}

function at(seconds: number): string {
  return new Date(Date.UTC(2026, 11, 7, 12, 0, seconds)).toISOString();
}

function request(owner: string, nowSeconds: number, untilSeconds: number): LockRequest {
  return {
    name: 'learn',
    owner,
    holder: `pid 1 on host ${owner}`,
    now: at(nowSeconds),
    expiresAt: at(untilSeconds),
  };
}
