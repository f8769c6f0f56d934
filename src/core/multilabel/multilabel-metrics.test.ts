import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { classificationMetrics } from '../metrics/classification-metrics.js';
import { confusionMatrix } from '../metrics/confusion-matrix.js';
import { labelSetOf, toIndicators, type LabelRow } from './label-rows.js';
import { multilabelMetrics } from './multilabel-metrics.js';

const rows = (...r: number[][]): Uint8Array[] => r.map((x) => Uint8Array.from(x));

// 5 items × 4 labels; label 3 is in neither truth nor predictions.
const truth = rows([1, 0, 1, 0], [0, 1, 0, 0], [1, 1, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0]);
const predicted = rows([1, 0, 0, 0], [0, 1, 1, 0], [1, 1, 0, 0], [0, 0, 0, 0], [0, 1, 0, 0]);

describe('multilabelMetrics', () => {
  it('matches a worked example (reference values from numpy on the same 0/1 arrays)', () => {
    // numpy: tp = [2, 2, 0, 0], fp = [0, 1, 1, 0], fn = [1, 0, 1, 0];
    // F1 per label = 2tp / (2tp + fp + fn) = [0.8, 0.8, 0, 0 (zero division)].
    const m = multilabelMetrics(truth, predicted, { numLabels: 4 });
    expect(m.total).toBe(5);
    expect(m.perLabel.map((s) => s.f1)).toEqual([0.8, 0.8, 0, 0]);
    expect(m.perLabel[0]).toMatchObject({ precision: 1, recall: 2 / 3, support: 3, predicted: 2 });
    expect(m.perLabel[1]).toMatchObject({ precision: 2 / 3, recall: 1, support: 2, predicted: 3 });
    expect(m.macroF1).toBeCloseTo(0.4, 12);
    // numpy: micro P = R = F1 = 4 / 6; Hamming loss = mean(T != P) = 0.2; exact rows = 2 / 5.
    expect(m.microPrecision).toBeCloseTo(2 / 3, 12);
    expect(m.microRecall).toBeCloseTo(2 / 3, 12);
    expect(m.microF1).toBeCloseTo(2 / 3, 12);
    expect(m.hammingLoss).toBeCloseTo(0.2, 12);
    expect(m.subsetAccuracy).toBeCloseTo(0.4, 12);
  });

  it('follows scikit-learn zero_division: 0 and 1 fill in, NaN leaves the label out of the mean', () => {
    // numpy: mean([0.8, 0.8, 0, 1]) = 0.65; nanmean([0.8, 0.8, 0, nan]) = 0.5333…
    expect(
      multilabelMetrics(truth, predicted, { numLabels: 4, zeroDivision: 1 }).macroF1,
    ).toBeCloseTo(0.65, 12);
    const nan = multilabelMetrics(truth, predicted, { numLabels: 4, zeroDivision: NaN });
    expect(nan.macroF1).toBeCloseTo(1.6 / 3, 12);
    expect(nan.perLabel[3]?.precision).toBeNaN();
  });

  it('reads label-index sets the same as indicator rows', () => {
    const sets: LabelRow[] = [[0, 2], [1], [1, 0], [], [0]];
    expect(multilabelMetrics(sets, predicted, { numLabels: 4 })).toEqual(
      multilabelMetrics(truth, predicted, { numLabels: 4 }),
    );
  });

  it('is NaN with no items and rejects malformed rows', () => {
    const empty = multilabelMetrics([], [], { numLabels: 2 });
    expect(empty.microF1).toBeNaN();
    expect(empty.hammingLoss).toBeNaN();
    expect(() => multilabelMetrics(truth, predicted.slice(1), { numLabels: 4 })).toThrow(HiloError);
    expect(() => toIndicators([[0, 0]], 3)).toThrow(/repeated/);
    expect(() => toIndicators([[3]], 3)).toThrow(/not in \[0, 3\)/);
    expect(() => toIndicators([Uint8Array.of(0, 2, 0)], 3)).toThrow(/only 0 and 1/);
    expect(() => toIndicators([Uint8Array.of(0, 1)], 3)).toThrow(/expected 3/);
    expect(() => toIndicators([], 0)).toThrow(HiloError);
  });

  const indicatorPairs = fc.integer({ min: 1, max: 6 }).chain((L) =>
    fc.record({
      L: fc.constant(L),
      pairs: fc.array(
        fc.tuple(
          fc.uint8Array({ minLength: L, maxLength: L, max: 1 }),
          fc.uint8Array({ minLength: L, maxLength: L, max: 1 }),
        ),
        { minLength: 1, maxLength: 30 },
      ),
    }),
  );

  it('scores perfect predictions 1 and keeps Hamming loss ≤ 1 − subset accuracy', () => {
    fc.assert(
      fc.property(indicatorPairs, ({ L, pairs }) => {
        const t = pairs.map(([a]) => a);
        const p = pairs.map(([, b]) => b);
        const perfect = multilabelMetrics(t, t, { numLabels: L, zeroDivision: 1 });
        expect(perfect.macroF1).toBe(1);
        expect(perfect.microF1).toBe(1);
        expect(perfect.hammingLoss).toBe(0);
        expect(perfect.subsetAccuracy).toBe(1);
        const m = multilabelMetrics(t, p, { numLabels: L });
        expect(m.hammingLoss).toBeLessThanOrEqual(1 - m.subsetAccuracy + 1e-12);
        expect(m.microF1).toBeGreaterThanOrEqual(0);
        expect(m.microF1).toBeLessThanOrEqual(1);
        expect(labelSetOf(toIndicators(t, L).subarray(0, L))).toEqual(labelSetOf(t[0]!));
      }),
    );
  });

  it('reduces to single-label scores when every item has exactly one label', () => {
    const singles = fc.integer({ min: 2, max: 5 }).chain((K) =>
      fc.record({
        K: fc.constant(K),
        pairs: fc.array(fc.tuple(fc.nat(K - 1), fc.nat(K - 1)), { minLength: 1, maxLength: 40 }),
      }),
    );
    fc.assert(
      fc.property(singles, ({ K, pairs }) => {
        const gold = pairs.map(([g]) => g);
        const guess = pairs.map(([, q]) => q);
        const m = multilabelMetrics(
          gold.map((g) => [g]),
          guess.map((q) => [q]),
          { numLabels: K },
        );
        const single = classificationMetrics(confusionMatrix(gold, guess, K));
        expect(m.microF1).toBeCloseTo(single.accuracy, 12);
        expect(m.subsetAccuracy).toBeCloseTo(single.accuracy, 12);
        m.perLabel.forEach((s, k) => expect(s.f1).toBeCloseTo(single.perClass[k]!.f1, 12));
      }),
    );
  });
});
