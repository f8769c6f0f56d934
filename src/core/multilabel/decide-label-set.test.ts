import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { decideLabelSet, exactSetProbability, expectedLabelAccuracy } from './decide-label-set.js';

const p = (...values: number[]): Float64Array => Float64Array.from(values);

function allSubsets(L: number): number[][] {
  return Array.from({ length: 2 ** L }, (_, mask) =>
    Array.from({ length: L }, (_, l) => l).filter((l) => (mask >> l) & 1),
  );
}

describe('decideLabelSet', () => {
  it('applies every label with p ≥ 0.5, then respects minLabels and maxLabels', () => {
    expect(decideLabelSet(p(0.9, 0.5, 0.49, 0.7))).toEqual([0, 1, 3]);
    expect(decideLabelSet(p(0.9, 0.5, 0.49, 0.7), { maxLabels: 2 })).toEqual([0, 3]);
    expect(decideLabelSet(p(0.1, 0.3, 0.2), { minLabels: 1 })).toEqual([1]);
    expect(decideLabelSet(p(0.1, 0.3, 0.2), { minLabels: 2 })).toEqual([1, 2]);
    expect(decideLabelSet(p(0.1, 0.3, 0.2))).toEqual([]);
    expect(decideLabelSet(p(0.6, 0.6, 0.6), { maxLabels: 1 })).toEqual([0]); // ties: lower index
  });

  it('rejects bounds that cannot hold and probabilities outside [0, 1]', () => {
    expect(() => decideLabelSet(p(0.5, 0.5), { minLabels: 3 })).toThrow(HiloError);
    expect(() => decideLabelSet(p(0.5, 0.5), { minLabels: 2, maxLabels: 1 })).toThrow(HiloError);
    expect(() => decideLabelSet(p(0.5, NaN))).toThrow(/not in \[0, 1\]/);
    expect(() => exactSetProbability(p(0.5), [1])).toThrow(HiloError);
  });

  it('is the most probable set of allowed size under independence (brute force)', () => {
    const input = fc.integer({ min: 1, max: 6 }).chain((L) =>
      fc.record({
        probabilities: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
          minLength: L,
          maxLength: L,
        }),
        min: fc.nat(L),
        extra: fc.nat(L),
      }),
    );
    fc.assert(
      fc.property(input, ({ probabilities, min, extra }) => {
        const probs = Float64Array.from(probabilities);
        const L = probs.length;
        const max = Math.min(L, min + extra);
        const set = decideLabelSet(probs, { minLabels: min, maxLabels: max });
        expect(set.length).toBeGreaterThanOrEqual(min);
        expect(set.length).toBeLessThanOrEqual(max);
        const best = Math.max(
          ...allSubsets(L)
            .filter((s) => s.length >= min && s.length <= max)
            .map((s) => exactSetProbability(probs, s)),
        );
        expect(exactSetProbability(probs, set)).toBeGreaterThanOrEqual(best * (1 - 1e-12));
      }),
    );
  });
});

describe('exactSetProbability and expectedLabelAccuracy', () => {
  it('multiply and average p or 1 − p over the labels (worked by hand)', () => {
    // 0.9 × (1 − 0.2) × 0.6 = 0.432; (0.9 + 0.8 + 0.6) / 3 = 0.7666…
    expect(exactSetProbability(p(0.9, 0.2, 0.6), [0, 2])).toBeCloseTo(0.432, 15);
    expect(expectedLabelAccuracy(p(0.9, 0.2, 0.6), [0, 2])).toBeCloseTo(2.3 / 3, 15);
    expect(exactSetProbability(p(), [])).toBe(1);
    expect(expectedLabelAccuracy(p(), [])).toBeNaN();
  });

  it('sum to 1 over all 2^L sets, and expected accuracy is the mean per-label match', () => {
    const probs = fc
      .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 })
      .map((v) => Float64Array.from(v));
    fc.assert(
      fc.property(probs, (q) => {
        const subsets = allSubsets(q.length);
        const total = subsets.reduce((sum, s) => sum + exactSetProbability(q, s), 0);
        expect(total).toBeCloseTo(1, 10);
        // Expected share of labels right = Σ_S P(truth = S) × share of labels where S and the set agree.
        const decided = decideLabelSet(q);
        const share = (s: number[]): number =>
          q.reduce((n, _, l) => n + (s.includes(l) === decided.includes(l) ? 1 : 0), 0) / q.length;
        const expected = subsets.reduce((sum, s) => sum + exactSetProbability(q, s) * share(s), 0);
        expect(expectedLabelAccuracy(q, decided)).toBeCloseTo(expected, 10);
      }),
    );
  });
});
