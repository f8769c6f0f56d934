/** A counting semaphore: at most `limit` holders at once, waiters served first come, first served. */
export interface Semaphore {
  /** Resolves with a release function once a slot is free; calling release twice is harmless. */
  acquire(): Promise<() => void>;
  /** Holders right now. */
  readonly active: number;
  /** Callers waiting for a slot. */
  readonly waiting: number;
}

/**
 * Creates a semaphore that bounds concurrent work (here: requests in flight to a model server).
 * @example
 * const slots = createSemaphore(8);
 * const release = await slots.acquire();
 * try { await send(); } finally { release(); }
 * Complexity: O(1) amortised per acquire/release.
 */
export function createSemaphore(limit: number): Semaphore {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`semaphore limit must be a positive integer, got ${limit}`);
  }
  let active = 0;
  // A plain array with a head index: shift() would be O(n) under a long queue.
  let queue: (() => void)[] = [];
  let head = 0;

  const grant = (): (() => void) => {
    active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      active -= 1;
      const next = queue[head];
      if (next === undefined) return;
      queue[head] = undefined as unknown as () => void;
      head += 1;
      if (head > 1024 && head * 2 > queue.length) {
        queue = queue.slice(head);
        head = 0;
      }
      next();
    };
  };

  return {
    acquire() {
      if (active < limit) return Promise.resolve(grant());
      return new Promise((resolve) => {
        queue.push(() => resolve(grant()));
      });
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length - head;
    },
  };
}
