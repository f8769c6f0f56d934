import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { bettingRejectsAbove, bettingUpper } from './betting-bound.js';
import { hypergeometricCdf, hypergeometricUpper } from './hypergeometric.js';

describe('hypergeometricUpper', () => {
  it('is the largest count of wrong items the sample leaves plausible', () => {
    // 30 of 100 drawn, none wrong: P(0 wrong | 8 in the population) = 0.0507, | 9 = 0.0342.
    expect(hypergeometricUpper(100, 30, 0, 0.05)).toBe(8);
    expect(hypergeometricCdf(0, 100, 8, 30)).toBeCloseTo(0.0507, 3);
    expect(hypergeometricUpper(100, 100, 7, 0.05)).toBe(7);
    expect(hypergeometricUpper(100, 0, 0, 0.05)).toBe(100);
    expect(hypergeometricUpper(100, 30, 30, 0.05)).toBe(100);
  });

  it('covers the true count in at least 1 − alpha of samples', () => {
    const rng = createRng(3);
    const N = 200;
    const M = 24;
    let covered = 0;
    for (let t = 0; t < 2000; t++) {
      let x = 0;
      let left = M;
      for (let k = 0; k < 40; k++) {
        if (rng.next() < left / (N - k)) {
          x++;
          left--;
        }
      }
      if (hypergeometricUpper(N, 40, x, 0.1) >= M) covered++;
    }
    expect(covered / 2000).toBeGreaterThanOrEqual(0.9);
    expect(covered / 2000).toBeLessThan(0.99);
  });

  it('refuses impossible counts', () => {
    expect(() => hypergeometricUpper(10, 11, 0, 0.05)).toThrow(/0 ≤ x ≤ n ≤ N/);
    expect(() => hypergeometricUpper(10, 5, 0, 1)).toThrow(/error level/);
  });
});

describe('bettingUpper', () => {
  it('bounds the mean from above and tightens with more draws', () => {
    const rng = createRng(1);
    const small = Float64Array.from({ length: 100 }, () => (rng.next() < 0.1 ? 1 : 0));
    const large = Float64Array.from({ length: 2000 }, () => (rng.next() < 0.1 ? 1 : 0));
    const meanOf = (x: Float64Array): number => x.reduce((a, b) => a + b, 0) / x.length;
    expect(bettingUpper(small, 0.05)).toBeGreaterThan(meanOf(small));
    expect(bettingUpper(large, 0.05)).toBeGreaterThan(meanOf(large));
    expect(bettingUpper(large, 0.05)).toBeLessThan(bettingUpper(small, 0.05));
    expect(bettingUpper(new Float64Array(500), 0.05)).toBeLessThan(0.01);
  });

  it('covers the true mean in at least 1 − alpha of samples', () => {
    const rng = createRng(2);
    let covered = 0;
    for (let t = 0; t < 400; t++) {
      const x = Float64Array.from({ length: 200 }, () => (rng.next() < 0.2 ? rng.next() : 0));
      if (bettingUpper(x, 0.1) >= 0.1) covered++;
    }
    expect(covered / 400).toBeGreaterThanOrEqual(0.9);
  });

  it('agrees with its test and refuses values outside [0, 1]', () => {
    const x = Float64Array.from({ length: 300 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const upper = bettingUpper(x, 0.05);
    expect(bettingRejectsAbove(x, upper + 0.01, 0.05)).toBe(true);
    expect(bettingRejectsAbove(x, upper - 0.01, 0.05)).toBe(false);
    expect(() => bettingUpper([2], 0.05)).toThrow(/\[0, 1\]/);
  });
});
