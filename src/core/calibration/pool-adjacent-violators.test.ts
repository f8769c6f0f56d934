import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { poolAdjacentViolators } from './pool-adjacent-violators.js';

describe('poolAdjacentViolators', () => {
  it('solves the textbook examples', () => {
    expect(Array.from(poolAdjacentViolators([1, 3, 2, 4, 3, 5]))).toEqual([
      1, 2.5, 2.5, 3.5, 3.5, 5,
    ]);
    // A violation that cascades back over two earlier blocks.
    expect(Array.from(poolAdjacentViolators([1, 2, 3, 0]))).toEqual([1, 5 / 3, 5 / 3, 5 / 3]);
    expect(Array.from(poolAdjacentViolators([4, 5, 1, 6, 2]))).toEqual([
      10 / 3,
      10 / 3,
      10 / 3,
      4,
      4,
    ]);
  });

  it('weights pool by their weights', () => {
    expect(Array.from(poolAdjacentViolators([2, 1], [3, 1]))).toEqual([1.75, 1.75]);
  });

  it('returns a monotone sequence with the same weighted sum (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { maxLength: 60 }),
        (y) => {
          const fit = poolAdjacentViolators(y);
          for (let i = 1; i < fit.length; i++)
            expect(fit[i]).toBeGreaterThanOrEqual((fit[i - 1] as number) - 1e-9);
          const sum = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0);
          expect(sum(fit)).toBeCloseTo(sum(y), 6);
        },
      ),
    );
  });

  it('leaves a non-decreasing sequence unchanged', () => {
    expect(Array.from(poolAdjacentViolators([0, 0, 1, 2, 2, 9]))).toEqual([0, 0, 1, 2, 2, 9]);
  });
});
