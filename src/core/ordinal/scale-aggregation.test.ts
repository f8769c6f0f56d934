import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { medianRatings } from './median-ratings.js';
import { scaleMean, scaleMedian } from './scale-distribution.js';
import { bestWithinK, withinK } from './within-k.js';

const distributions = fc
  .array(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 8 })
  .filter((weights) => weights.some((w) => w > 0))
  .map((weights) => {
    const total = weights.reduce((s, w) => s + w, 0);
    return Float64Array.from(weights, (w) => w / total);
  });

function expectedAbsoluteError(p: Float64Array, rating: number): number {
  return p.reduce((sum, q, j) => sum + q * Math.abs(j - rating), 0);
}

describe('scaleMean and scaleMedian', () => {
  it('match scipy.stats.rv_discrete(values=(levels, p)).mean() and .ppf(0.5)', () => {
    // scipy: mean 2.35 / median 3; mean 1.3 / median 2; mean 1.5 / median 1 (CDF = 1/2 at 1)
    const cases: [number[], number, number][] = [
      [[0.1, 0.2, 0.15, 0.35, 0.2], 2.35, 3],
      [[0.3, 0.1, 0.6], 1.3, 2],
      [[0.25, 0.25, 0.25, 0.25], 1.5, 1],
    ];
    for (const [p, mean, median] of cases) {
      expect(scaleMean(p)).toBeCloseTo(mean, 12);
      expect(scaleMedian(p)).toBe(median);
    }
  });

  it('accept unnormalised weights and reject what is not a distribution', () => {
    expect(scaleMean([1, 3])).toBeCloseTo(0.75, 12);
    expect(scaleMedian([1, 1, 2])).toBe(1);
    expect(() => scaleMean([1])).toThrow(HiloError);
    expect(() => scaleMedian([0, 0])).toThrow(/sum to 0/);
    expect(() => scaleMedian([0.5, -0.1, 0.6])).toThrow(/level 1/);
    expect(() => scaleMean([0.5, Number.NaN])).toThrow(HiloError);
  });

  it('the median minimises the expected absolute error and is the lowest such level', () => {
    fc.assert(
      fc.property(distributions, (p) => {
        const median = scaleMedian(p);
        const errors = Array.from(p, (_, r) => expectedAbsoluteError(p, r));
        const least = Math.min(...errors);
        expect(errors[median]).toBeCloseTo(least, 9);
        for (let r = 0; r < median; r++) expect(errors[r]).toBeGreaterThan(least + 1e-9);
      }),
    );
  });
});

describe('medianRatings', () => {
  const table = {
    numLevels: 5,
    numRaters: 4,
    // items: [0, 1, 3, 4] (even, split 1 | 3), [2, 2, −, 4] (odd), [−, −, −, −], [4, 0, 4, 0]
    ratings: Int32Array.of(0, 1, 3, 4, 2, 2, -1, 4, -1, -1, -1, -1, 4, 0, 4, 0),
  };

  it('takes the lower middle level by default, the higher on request, −1 when unrated', () => {
    // numpy.sort of each row, then index ⌈n/2⌉ − 1 (low) or ⌊n/2⌋ (high)
    expect(Array.from(medianRatings(table))).toEqual([1, 2, -1, 0]);
    expect(Array.from(medianRatings(table, { ties: 'high' }))).toEqual([3, 2, -1, 4]);
  });

  it('agrees with sorting when the count is odd, for either tie rule', () => {
    const rows = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 9 });
    fc.assert(
      fc.property(rows, (row) => {
        const odd = row.length % 2 === 1 ? row : row.slice(1);
        if (odd.length === 0) return;
        const sorted = [...odd].sort((x, y) => x - y);
        const one = { numLevels: 7, numRaters: odd.length, ratings: Int32Array.from(odd) };
        expect(medianRatings(one)[0]).toBe(sorted[(odd.length - 1) / 2]);
        expect(medianRatings(one, { ties: 'high' })[0]).toBe(sorted[(odd.length - 1) / 2]);
      }),
    );
  });
});

describe('withinK and bestWithinK', () => {
  const p = Float64Array.of(0.1, 0.2, 0.15, 0.35, 0.2);

  it('sum the probability of the levels within ±k, cut at the ends of the scale', () => {
    // numpy: p[max(0, r − k) : r + k + 1].sum(); k = 1 → [0.3, 0.45, 0.7, 0.7, 0.55]
    expect([0, 1, 2, 3, 4].map((r) => withinK(p, r, 1))).toEqual(
      [0.3, 0.45, 0.7, 0.7, 0.55].map((v) => expect.closeTo(v, 12)),
    );
    // k = 2 → [0.45, 0.8, 1.0, 0.9, 0.7]; k = 0 is the probability of the level itself
    expect(withinK(p, 3, 2)).toBeCloseTo(0.9, 12);
    expect(withinK(p, 2, 2)).toBe(1);
    expect(withinK(p, 3, 0)).toBeCloseTo(0.35, 12);
    expect(() => withinK(p, 5, 1)).toThrow(HiloError);
    expect(() => withinK(p, 1, -1)).toThrow(/k must be/);
    expect(() => withinK(p, 1, 0.5)).toThrow(/k must be/);
  });

  it('chooses the best rating for ±k, lowest on ties, and it need not be the mode or median', () => {
    // k = 1: levels 2 and 3 both give 0.7 (numpy above), so 2
    expect(bestWithinK(p, 1)).toEqual({ rating: 2, probability: expect.closeTo(0.7, 12) });
    expect(bestWithinK(p, 0)).toEqual({ rating: 3, probability: expect.closeTo(0.35, 12) });
    expect(bestWithinK(p, 2)).toEqual({ rating: 2, probability: 1 });
    // numpy on q: mode 0 (0.35), median 2 (CDF 0.35, 0.35, 0.55), ±1 windows
    // [0.35, 0.55, 0.45, 0.65, 0.45] → 3
    const q = Float64Array.of(0.35, 0, 0.2, 0.25, 0.2);
    expect(bestWithinK(q, 0).rating).toBe(0);
    expect(scaleMedian(q)).toBe(2);
    expect(bestWithinK(q, 1)).toEqual({ rating: 3, probability: expect.closeTo(0.65, 12) });
    expect(bestWithinK(Float64Array.of(1, 1), 9)).toEqual({ rating: 0, probability: 1 });
  });

  it('bestWithinK is the maximum of withinK over the ratings, at its first maximiser', () => {
    const cases = fc.tuple(distributions, fc.integer({ min: 0, max: 8 }));
    fc.assert(
      fc.property(cases, ([dist, k]) => {
        const scores = Array.from(dist, (_, r) => withinK(dist, r, k));
        const best = bestWithinK(dist, k);
        const top = Math.max(...scores);
        expect(best.probability).toBeCloseTo(top, 9);
        expect(scores[best.rating]).toBeCloseTo(top, 9);
        for (let r = 0; r < best.rating; r++) expect(scores[r]).toBeLessThan(top - 1e-13);
      }),
    );
  });
});
