import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs } from './retry-delay.js';

describe('retryAfterMs', () => {
  const now = Date.UTC(2025, 5, 1, 12, 0, 0);
  const headers = (h: Record<string, string>) => new Headers(h);

  it('reads seconds, fractional seconds and HTTP dates', () => {
    expect(retryAfterMs(headers({ 'retry-after': '7' }), now)).toBe(7000);
    expect(retryAfterMs(headers({ 'retry-after': '0.25' }), now)).toBe(250);
    expect(retryAfterMs(headers({ 'Retry-After': new Date(now + 5000).toUTCString() }), now)).toBe(
      5000,
    );
  });

  it('prefers retry-after-ms', () => {
    expect(retryAfterMs(headers({ 'retry-after': '7', 'retry-after-ms': '120' }), now)).toBe(120);
  });

  it('never goes negative and ignores what it cannot read', () => {
    expect(retryAfterMs(headers({ 'retry-after': new Date(now - 5000).toUTCString() }), now)).toBe(
      0,
    );
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after-ms': 'x', 'retry-after': '1' }), now)).toBe(1000);
    expect(retryAfterMs(headers({}), now)).toBeUndefined();
  });
});

describe('backoffMs', () => {
  const options = { baseMs: 500, maxMs: 4000 };

  it('draws uniformly below a doubling ceiling, capped', () => {
    expect(backoffMs(0, options, () => 0.999)).toBe(499);
    expect(backoffMs(2, options, () => 0.5)).toBe(1000);
    expect(backoffMs(10, options, () => 0.5)).toBe(2000);
    expect(backoffMs(3, options, () => 0)).toBe(0);
  });
});
