import { describe, expect, it } from 'vitest';
import { createSemaphore } from './semaphore.js';

describe('createSemaphore', () => {
  it('holds back the holder above the limit until a release, first come first served', async () => {
    const slots = createSemaphore(2);
    const order: string[] = [];
    const a = await slots.acquire();
    await slots.acquire();
    const c = slots.acquire().then((release) => (order.push('c'), release));
    const d = slots.acquire().then((release) => (order.push('d'), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(slots.waiting).toBe(2);
    a();
    a(); // a second release must not free a second slot
    await c;
    expect(order).toEqual(['c']);
    expect(slots.active).toBe(2);
    expect(slots.waiting).toBe(1);
    (await c)();
    await d;
    expect(order).toEqual(['c', 'd']);
  });

  it('keeps the count right through many waiters', async () => {
    const slots = createSemaphore(3);
    let active = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 3000 }, async () => {
        const release = await slots.acquire();
        active += 1;
        most = Math.max(most, active);
        await Promise.resolve();
        active -= 1;
        release();
      }),
    );
    expect(most).toBe(3);
    expect(slots.active).toBe(0);
    expect(slots.waiting).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => createSemaphore(0)).toThrow(RangeError);
  });
});
