import type { Clock } from '../core/ports/runtime.js';

/** Options of `createRateLimiter`; `clock` and `sleep` are injected so tests run in virtual time. */
export interface RateLimiterOptions {
  /** Requests per minute; 0 or absent = unlimited. */
  readonly requestsPerMinute?: number;
  /** Tokens (prompt + completion) per minute; 0 or absent = unlimited. */
  readonly tokensPerMinute?: number;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
}

/** Requests-per-minute and tokens-per-minute limits, enforced before each request is sent. */
export interface RateLimiter {
  /** Waits until one more request of about `tokens` tokens may be sent, then books it. */
  acquire(tokens: number): Promise<void>;
  /** Books the difference once the true count is known (`actual - estimated`, may be negative). */
  reconcile(deltaTokens: number): void;
}

/**
 * Two token buckets (requests, tokens), each refilled continuously and holding at most one
 * second's worth: providers enforce per-minute limits over shorter windows, so a minute-sized
 * burst at start-up would be refused anyway. A request larger than the bucket is let through
 * when the bucket is full and leaves a debt that later requests wait out, so the long-run rate
 * is the limit whatever the request size. Written as "virtual scheduling" (the time at which
 * each bucket is next empty), so waiting is computed, never polled.
 * @example
 * const limiter = createRateLimiter({ requestsPerMinute: 500, tokensPerMinute: 200_000, clock, sleep });
 * await limiter.acquire(estimate); // ... send ...; limiter.reconcile(actual - estimate);
 * Complexity: O(1) per call; waiters are served in arrival order.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const requests = bucket(options.requestsPerMinute);
  const tokens = bucket(options.tokensPerMinute);
  if (!requests && !tokens) return { acquire: () => Promise.resolve(), reconcile: () => {} };

  // Each acquire runs after the previous one has booked, so the order is FIFO and the
  // bookkeeping never races.
  let chain: Promise<void> = Promise.resolve();
  const acquire = (cost: number): Promise<void> => {
    const turn = chain.then(async () => {
      const now = options.clock.now();
      const at = Math.max(now, requests?.allowedAt(1) ?? now, tokens?.allowedAt(cost) ?? now);
      if (at > now) await options.sleep(at - now);
      requests?.book(1, at);
      tokens?.book(cost, at);
    });
    chain = turn.catch(() => {});
    return turn;
  };
  return {
    acquire,
    reconcile: (delta) => tokens?.adjust(delta),
  };
}

interface Bucket {
  allowedAt(cost: number): number;
  book(cost: number, at: number): void;
  adjust(cost: number): void;
}

function bucket(perMinute: number | undefined): Bucket | undefined {
  if (perMinute === undefined || perMinute <= 0 || !Number.isFinite(perMinute)) return undefined;
  const msPerUnit = 60_000 / perMinute;
  const capacity = Math.max(1, perMinute / 60);
  const tolerance = capacity * msPerUnit;
  // The time at which the bucket would be full again ("theoretical arrival time").
  let fullAt = -Infinity;
  return {
    // A cost over the capacity only needs a full bucket, not more than full.
    allowedAt: (cost) => fullAt - tolerance + Math.min(cost, capacity) * msPerUnit,
    book: (cost, at) => {
      fullAt = Math.max(fullAt, at) + cost * msPerUnit;
    },
    adjust: (cost) => {
      fullAt += cost * msPerUnit;
    },
  };
}
