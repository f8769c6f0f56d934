import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock, Logger, LockStore } from '../core/ports/index.js';
import type { withTrainerLock } from '../pipeline/learn/index.js';
import type { LearnOptions } from './project-handle.js';

/** Time between two tries while waiting for another trainer (`--wait`). */
const WAIT_POLL_MS = 2000;

/**
 * The trainer lock as this process takes it: owned by this process (host, pid and a random
 * part), renewed by a timer, waiting (with `wait`) until `signal` aborts.
 * @example await withTrainerLock(trainerLockOptions({ locks: store, clock, logger }, { wait: true }), work)
 */
export function trainerLockOptions(
  deps: { readonly locks: LockStore; readonly clock: Clock; readonly logger: Logger },
  options: LearnOptions,
): Parameters<typeof withTrainerLock>[0] {
  const host = hostname();
  const { signal } = options;
  return {
    ...deps,
    owner: `${host}:${process.pid}:${randomUUID()}`,
    holder: `pid ${process.pid} on host ${host}`,
    repeat: (ms, tick) => {
      const timer = setInterval(tick, ms);
      // Renewing must not keep a finished process alive.
      timer.unref();
      return () => clearInterval(timer);
    },
    ...(options.wait === true
      ? {
          wait: {
            pollMs: WAIT_POLL_MS,
            sleep: (ms: number) => abortableSleep(ms, signal),
            shouldStop: () => signal?.aborted ?? false,
            ...(options.onWaiting ? { onWaiting: options.onWaiting } : {}),
          },
        }
      : {}),
  };
}

/**
 * Resolves after `ms`, or at once when the signal aborts.
 * @example await abortableSleep(30_000, controller.signal)
 */
export function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}
