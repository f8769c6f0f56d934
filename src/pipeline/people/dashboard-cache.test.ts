import { describe, expect, it } from 'vitest';
import { refreshingCache } from './dashboard-cache.js';

function setup() {
  const state = { now: 0, version: 'a', computed: 0, fail: false };
  const cache = refreshingCache({
    clock: { now: () => state.now },
    maxAgeMs: 1000,
    version: async () => state.version,
    compute: async () => {
      state.computed += 1;
      if (state.fail) throw new Error('store closed');
      return state.computed;
    },
  });
  return { state, cache };
}

describe('refreshingCache', () => {
  it('keeps a value while its version holds and it is young, and computes again otherwise', async () => {
    const { state, cache } = setup();
    expect(await cache.get()).toBe(1);
    state.now = 999;
    expect(await cache.get()).toBe(1);
    state.version = 'b';
    expect(await cache.get()).toBe(2);
    state.now = 1998;
    expect(await cache.get()).toBe(2);
    state.now = 1999;
    expect(await cache.get()).toBe(3);
  });

  it('computes once for callers that ask together, and does not keep a failure', async () => {
    const { state, cache } = setup();
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual([1, 1, 1]);
    state.version = 'b';
    state.fail = true;
    await expect(cache.get()).rejects.toThrow('store closed');
    state.fail = false;
    expect(await cache.get()).toBe(3);
  });

  it('passes the last value to the version, so it can depend on it', async () => {
    const seen: (number | undefined)[] = [];
    let n = 0;
    const cache = refreshingCache({
      clock: { now: () => 0 },
      maxAgeMs: 1000,
      version: async (last: number | undefined) => (seen.push(last), String(n)),
      compute: async () => ++n,
    });
    await cache.get();
    await cache.get();
    // Before the first computation, after it (for the value it made), then on the next get.
    expect(seen).toEqual([undefined, 1, 1]);
    expect(n).toBe(1);
  });
});
