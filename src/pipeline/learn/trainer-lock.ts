import { HiloError } from '../../core/errors.js';
import type { Clock, HeldLock, Logger, LockStore } from '../../core/ports/index.js';

/** The lock of the project's trainer: one `hilo learn` (one-shot or `--every`) per database. */
export const TRAINER_LOCK = 'learn';

/** How long the trainer lock lasts without renewal; a killed trainer blocks others this long at most. */
export const TRAINER_LOCK_TTL_MS = 120_000;

/** Waiting for the holder instead of giving up at once (`--wait`). */
export interface TrainerLockWait {
  /** Time between two tries. */
  readonly pollMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** True stops waiting (Ctrl-C): INTERRUPTED. */
  readonly shouldStop: () => boolean;
  /** Called once, when the first try finds the lock held. */
  readonly onWaiting?: (held: HeldLock) => void;
}

export interface TrainerLockOptions {
  readonly locks: LockStore;
  readonly clock: Clock;
  /** Unique per process (with a random part). */
  readonly owner: string;
  /** The holder in words: `pid 4242 on host web-1`. */
  readonly holder: string;
  /** Default TRAINER_LOCK_TTL_MS; renewed every sixth of it. */
  readonly ttlMs?: number;
  /** Calls `tick` every `ms` until the returned function is called (a timer outside tests). */
  readonly repeat: (ms: number, tick: () => void) => () => void;
  /** Absent: a held lock fails at once (CONFLICT naming the holder). */
  readonly wait?: TrainerLockWait;
  readonly logger?: Logger;
}

/** What the guarded work may ask while it runs. */
export interface TrainerLockLease {
  /** True once a renewal found the lock taken by another trainer (it lapsed): stop soon. */
  lost(): boolean;
}

/**
 * Runs `work` as the project's only trainer: takes the `learn` lock (waiting with `wait`, else
 * failing with CONFLICT that names the holder and since when), renews it every sixth of its
 * lifetime while `work` runs, and releases it at the end, even when `work` throws. A trainer
 * that was killed holds it until it lapses (TRAINER_LOCK_TTL_MS). A renewal that finds the lock
 * taken by another (this process stalled past the expiry) marks the lease lost; the work should
 * stop, and this fails with CONFLICT once it has.
 * @example await withTrainerLock({ locks: store, clock, owner, holder, repeat }, () => learnRound(options))
 * Complexity: one store call per try and per renewal, plus `work`.
 */
export async function withTrainerLock<T>(
  options: TrainerLockOptions,
  work: (lease: TrainerLockLease) => Promise<T>,
): Promise<T> {
  const { locks, clock, owner } = options;
  const ttlMs = options.ttlMs ?? TRAINER_LOCK_TTL_MS;
  await acquire(options, ttlMs);
  let lost = false;
  let renewing: Promise<void> = Promise.resolve();
  const stop = options.repeat(Math.max(1, Math.floor(ttlMs / 6)), () => {
    renewing = renewing.then(async () => {
      if (lost) return;
      try {
        const until = iso(clock.now() + ttlMs);
        if (!(await locks.renewLock(TRAINER_LOCK, owner, until))) lost = true;
      } catch (error) {
        // A store hiccup: the next tick tries again, well before the lock lapses.
        options.logger?.warn(`could not renew the learn lock: ${(error as Error).message}`);
      }
    });
  });
  try {
    const result = await work({ lost: () => lost });
    if (lost) {
      const held = await locks.getLock(TRAINER_LOCK);
      throw new HiloError(
        'CONFLICT',
        `lost the learn lock while training (it was not renewed for ${ttlMs / 1000} s)` +
          (held !== undefined
            ? `; now held by ${held.holder} since ${readableInstant(held.since)}`
            : ''),
      );
    }
    return result;
  } finally {
    stop();
    await renewing;
    await locks.releaseLock(TRAINER_LOCK, owner).catch(() => undefined);
  }
}

async function acquire(options: TrainerLockOptions, ttlMs: number): Promise<void> {
  const { locks, clock, owner, holder, wait } = options;
  let waiting = false;
  for (;;) {
    const now = clock.now();
    const held = await locks.acquireLock({
      name: TRAINER_LOCK,
      owner,
      holder,
      now: iso(now),
      expiresAt: iso(now + ttlMs),
    });
    if (held.owner === owner) return;
    if (wait === undefined) {
      throw new HiloError(
        'CONFLICT',
        `another trainer is running: ${held.holder} has held the learn lock since ${readableInstant(held.since)}` +
          ` (it lapses at ${readableInstant(held.expiresAt)} unless renewed); stop it, or add --wait to take over when it ends`,
      );
    }
    if (!waiting) wait.onWaiting?.(held);
    waiting = true;
    await wait.sleep(wait.pollMs);
    if (wait.shouldStop())
      throw new HiloError('INTERRUPTED', 'stopped while waiting for the learn lock');
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * An ISO-8601 instant as people read it in a one-line message: `2026-12-07 21:15:03 UTC`.
 * @example readableInstant('2026-12-07T21:15:03.120Z') // '2026-12-07 21:15:03 UTC'
 */
export function readableInstant(isoTime: string): string {
  return `${isoTime.slice(0, 10)} ${isoTime.slice(11, 19)} UTC`;
}
