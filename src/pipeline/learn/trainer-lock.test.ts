import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import type { HeldLock } from '../../core/ports/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { virtualTime } from '../../testing/fakes/virtual-time.js';
import { TRAINER_LOCK, withTrainerLock, type TrainerLockWait } from './trainer-lock.js';

/** A renewal timer the test fires by hand. */
function manualTimer() {
  const ticks: (() => void)[] = [];
  return {
    repeat: (_ms: number, tick: () => void) => {
      ticks.push(tick);
      return () => ticks.splice(ticks.indexOf(tick), 1);
    },
    fire: () => ticks.forEach((tick) => tick()),
    running: () => ticks.length,
  };
}

function trainer(store: MemoryStore, time: ReturnType<typeof virtualTime>, name: string) {
  const timer = manualTimer();
  return {
    timer,
    options: (wait?: TrainerLockWait) => ({
      locks: store,
      clock: time.clock,
      owner: `${name}-owner`,
      holder: `pid ${name} on host h`,
      ttlMs: 60_000,
      repeat: timer.repeat,
      ...(wait ? { wait } : {}),
    }),
  };
}

describe('withTrainerLock', () => {
  it('refuses a second trainer with CONFLICT naming the holder and since when, then frees the lock', async () => {
    const store = new MemoryStore();
    const time = virtualTime(Date.UTC(2026, 11, 7, 21, 15, 3));
    const a = trainer(store, time, '1');
    const b = trainer(store, time, '2');
    const seen = await withTrainerLock(a.options(), async () => {
      const error = await withTrainerLock(b.options(), () => Promise.resolve('ran')).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(HiloError);
      expect((error as HiloError).code).toBe('CONFLICT');
      expect((error as HiloError).message).toBe(
        'another trainer is running: pid 1 on host h has held the learn lock since 2026-12-07 21:15:03 UTC' +
          ' (it lapses at 2026-12-07 21:16:03 UTC unless renewed); stop it, or add --wait to take over when it ends',
      );
      return (await store.getLock(TRAINER_LOCK))?.owner;
    });
    expect(seen).toBe('1-owner');
    expect(await store.getLock(TRAINER_LOCK)).toBeUndefined();
    expect(a.timer.running()).toBe(0);
    expect(await withTrainerLock(b.options(), () => Promise.resolve('ran'))).toBe('ran');
  });

  it('releases the lock when the work throws', async () => {
    const store = new MemoryStore();
    const time = virtualTime();
    const a = trainer(store, time, '1');
    await expect(
      withTrainerLock(a.options(), () => Promise.reject(new HiloError('INVALID_INPUT', 'no gold'))),
    ).rejects.toThrow('no gold');
    expect(await store.getLock(TRAINER_LOCK)).toBeUndefined();
  });

  it('with wait, takes over from a trainer that was killed once its lock lapses', async () => {
    const store = new MemoryStore();
    const time = virtualTime();
    // A trainer that took the lock and died: nobody renews or releases it.
    await store.acquireLock({
      name: TRAINER_LOCK,
      owner: 'dead',
      holder: 'pid 9 on host h',
      now: new Date(time.clock.now()).toISOString(),
      expiresAt: new Date(time.clock.now() + 60_000).toISOString(),
    });
    const waited: HeldLock[] = [];
    const b = trainer(store, time, '2');
    const ran = await withTrainerLock(
      b.options({
        pollMs: 5000,
        sleep: time.sleep,
        shouldStop: () => false,
        onWaiting: (held) => waited.push(held),
      }),
      async () => (await store.getLock(TRAINER_LOCK))?.owner,
    );
    expect(ran).toBe('2-owner');
    expect(waited.map((held) => held.holder)).toEqual(['pid 9 on host h']);
    expect(time.elapsed).toBe(60_000);
  });

  it('with wait, stops waiting as INTERRUPTED when asked to', async () => {
    const store = new MemoryStore();
    const time = virtualTime();
    const a = trainer(store, time, '1');
    const b = trainer(store, time, '2');
    let polls = 0;
    await withTrainerLock(a.options(), async () => {
      const waiting = withTrainerLock(
        b.options({ pollMs: 1000, sleep: time.sleep, shouldStop: () => ++polls >= 3 }),
        () => Promise.resolve('ran'),
      );
      await expect(waiting).rejects.toMatchObject({ code: 'INTERRUPTED' });
    });
    expect(polls).toBe(3);
  });

  it('renews while the work runs, so a long training keeps the lock past its first expiry', async () => {
    const store = new MemoryStore();
    const time = virtualTime();
    const a = trainer(store, time, '1');
    const b = trainer(store, time, '2');
    await withTrainerLock(a.options(), async (lease) => {
      for (let i = 0; i < 10; i++) {
        await time.sleep(10_000);
        a.timer.fire();
        await Promise.resolve();
      }
      expect(time.elapsed).toBe(100_000);
      await expect(withTrainerLock(b.options(), () => Promise.resolve())).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      expect(lease.lost()).toBe(false);
    });
  });

  it('marks the lease lost when another trainer took the lapsed lock, and fails with CONFLICT at the end', async () => {
    const store = new MemoryStore();
    const time = virtualTime();
    const a = trainer(store, time, '1');
    const b = trainer(store, time, '2');
    const run = withTrainerLock(a.options(), async (lease) => {
      // This process stalled past the expiry and another trainer took over.
      await time.sleep(61_000);
      await withTrainerLock(b.options(), async () => {
        a.timer.fire();
        await new Promise((resolve) => setImmediate(resolve));
        expect(lease.lost()).toBe(true);
      });
    });
    await expect(run).rejects.toThrow(/^lost the learn lock while training/);
  });
});
