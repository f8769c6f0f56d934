import type { Clock } from '../../core/ports/runtime.js';

/** A clock that only moves when slept on, and the sleeps it was asked for. */
export interface VirtualTime {
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  /** Every sleep requested, in order. */
  readonly sleeps: readonly number[];
  /** Virtual ms elapsed since creation. */
  readonly elapsed: number;
}

/**
 * Virtual time for tests of waiting code: `sleep(ms)` resolves at once and moves the clock by
 * `ms`, so backoff and rate limits are measured exactly and take no real time.
 * @example const time = virtualTime(); createOpenAiCompatibleModel({ baseUrl, clock: time.clock, sleep: time.sleep });
 * Complexity: O(1) per call.
 */
export function virtualTime(startMs = Date.UTC(2025, 0, 1)): VirtualTime {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    clock: { now: () => now },
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    sleeps,
    get elapsed() {
      return now - startMs;
    },
  };
}
