import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';
import { virtualTime } from '../testing/fakes/virtual-time.js';

describe('createRateLimiter', () => {
  it('does not wait without limits', async () => {
    const time = virtualTime();
    const limiter = createRateLimiter({ clock: time.clock, sleep: time.sleep });
    await Promise.all(Array.from({ length: 100 }, () => limiter.acquire(1000)));
    expect(time.sleeps).toEqual([]);
  });

  it('allows one second of burst, then the steady rate', async () => {
    const time = virtualTime();
    const limiter = createRateLimiter({
      requestsPerMinute: 600,
      clock: time.clock,
      sleep: time.sleep,
    });
    for (let i = 0; i < 40; i++) await limiter.acquire(0);
    // 10 per second: 10 at once, then one every 100 ms.
    expect(time.sleeps.length).toBe(30);
    expect(time.elapsed).toBe(3000);
  });

  it('refills while idle, but never beyond one bucket', async () => {
    const time = virtualTime();
    const limiter = createRateLimiter({
      requestsPerMinute: 60,
      clock: time.clock,
      sleep: time.sleep,
    });
    await limiter.acquire(0);
    await time.sleep(60_000);
    await limiter.acquire(0);
    await limiter.acquire(0);
    expect(time.sleeps).toEqual([60_000, 1000]);
  });

  it('lets a request larger than the token bucket through a full bucket, then waits out the debt', async () => {
    const time = virtualTime();
    const limiter = createRateLimiter({
      tokensPerMinute: 6000,
      clock: time.clock,
      sleep: time.sleep,
    });
    await limiter.acquire(500); // bucket of 100 → −400
    await limiter.acquire(50); // needs +450 at 100 per second
    expect(time.sleeps).toEqual([4500]);
  });

  it('charges the difference reported after the fact', async () => {
    const time = virtualTime();
    const limiter = createRateLimiter({
      tokensPerMinute: 6000,
      clock: time.clock,
      sleep: time.sleep,
    });
    await limiter.acquire(100);
    limiter.reconcile(200);
    await limiter.acquire(100);
    limiter.reconcile(-100);
    await limiter.acquire(100);
    // 100 booked + 200 reported extra at 100 per second: 3 s. The third request would wait
    // one more second, but the 100 tokens credited back pay for it.
    expect(time.sleeps).toEqual([3000]);
  });

  it('serves waiters in arrival order under both limits', async () => {
    const time = virtualTime();
    const limiter = createRateLimiter({
      requestsPerMinute: 60,
      tokensPerMinute: 60_000,
      clock: time.clock,
      sleep: time.sleep,
    });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => limiter.acquire(10).then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(time.elapsed).toBe(3000);
  });
});
