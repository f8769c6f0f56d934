import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classificationMetrics } from './classification-metrics.js';
import { confusionMatrix } from './confusion-matrix.js';

const metricsOf = (gold: number[], predicted: number[], k: number) =>
  classificationMetrics(confusionMatrix(gold, predicted, k));

describe('classificationMetrics', () => {
  it('matches a small matrix computed by hand', () => {
    // gold 0 0 1 1 1 2 / predicted 0 1 1 1 2 2 → [[1,1,0],[0,2,1],[0,0,1]]
    const m = metricsOf([0, 0, 1, 1, 1, 2], [0, 1, 1, 1, 2, 2], 3);
    expect(m.total).toBe(6);
    expect(m.accuracy).toBeCloseTo(4 / 6, 12);
    expect(m.perClass.map((c) => c.precision)).toEqual([1, 2 / 3, 1 / 2]);
    expect(m.perClass.map((c) => c.recall)).toEqual([1 / 2, 2 / 3, 1]);
    for (const c of m.perClass) expect(c.f1).toBeCloseTo(2 / 3, 12);
    expect(m.perClass.map((c) => c.support)).toEqual([2, 3, 1]);
    expect(m.perClass.map((c) => c.predicted)).toEqual([1, 3, 2]);
    expect(m.macroF1).toBeCloseTo(2 / 3, 12);
    expect(m.weightedF1).toBeCloseTo(2 / 3, 12);
  });

  it('matches the scikit-learn f1_score documentation example', () => {
    // f1_score([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1]): macro 0.2666…, weighted 0.2666…, per class [0.8, 0, 0]
    const m = metricsOf([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], 3);
    expect(m.macroF1).toBeCloseTo(0.26666666666666666, 12);
    expect(m.weightedF1).toBeCloseTo(0.26666666666666666, 12);
    expect(m.perClass.map((c) => c.f1)).toEqual([0.8, 0, 0]);
    expect(m.accuracy).toBeCloseTo(1 / 3, 12); // micro-F1
  });

  it('matches the precision_recall_fscore_support documentation example (macro)', () => {
    // cat dog pig cat dog pig / cat pig dog cat cat dog → (0.222…, 0.333…, 0.266…)
    const m = metricsOf([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], 3);
    expect(m.macroPrecision).toBeCloseTo(0.2222222222222222, 12);
    expect(m.macroRecall).toBeCloseTo(0.3333333333333333, 12);
  });

  it('averages only over classes present in gold or predictions, as scikit-learn does', () => {
    const m = metricsOf([0, 0, 1], [0, 0, 1], 5);
    expect(m.macroF1).toBe(1);
    expect(m.perClass[4]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 0 });
  });

  it('scores a class that is predicted but never gold as 0, and counts it in the mean', () => {
    const m = metricsOf([0, 0], [0, 1], 2);
    expect(m.perClass[1]?.f1).toBe(0);
    expect(m.macroF1).toBeCloseTo((2 / 3 + 0) / 2, 12);
  });

  it('is NaN with no items', () => {
    const m = classificationMetrics(new Int32Array(4));
    expect(m.accuracy).toBeNaN();
    expect(m.macroF1).toBeNaN();
  });
});

const labelled = fc
  .integer({ min: 1, max: 5 })
  .chain((k) =>
    fc
      .array(fc.tuple(fc.nat(k - 1), fc.nat(k - 1)), { minLength: 1, maxLength: 50 })
      .map((items) => ({ k, gold: items.map(([g]) => g), predicted: items.map(([, p]) => p) })),
  );

describe('classificationMetrics properties', () => {
  it('keeps every score in [0, 1]', () => {
    fc.assert(
      fc.property(labelled, ({ k, gold, predicted }) => {
        const m = metricsOf(gold, predicted, k);
        for (const value of [
          m.accuracy,
          m.macroF1,
          m.macroPrecision,
          m.macroRecall,
          m.weightedF1,
        ]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('gives macro-F1 = 1 exactly when every prediction is right', () => {
    fc.assert(
      fc.property(labelled, fc.boolean(), ({ k, gold, predicted }, makePerfect) => {
        const guess = makePerfect ? gold : predicted;
        const perfect = guess.every((p, i) => p === gold[i]);
        expect(metricsOf(gold, guess, k).macroF1 === 1).toBe(perfect);
      }),
    );
  });

  it('does not depend on the order of items', () => {
    const permuted = labelled.chain((data) => {
      const indices = data.gold.map((_, i) => i);
      const n = indices.length;
      return fc
        .shuffledSubarray(indices, { minLength: n, maxLength: n })
        .map((order) => ({ ...data, order }));
    });
    fc.assert(
      fc.property(permuted, ({ k, gold, predicted, order }) => {
        const a = metricsOf(gold, predicted, k);
        const b = metricsOf(
          order.map((i) => gold[i] as number),
          order.map((i) => predicted[i] as number),
          k,
        );
        expect(b).toEqual(a);
      }),
    );
  });

  it('does not depend on which index each class has', () => {
    fc.assert(
      fc.property(labelled, ({ k, gold, predicted }) => {
        const rename = (c: number) => (c + 1) % k;
        const a = metricsOf(gold, predicted, k);
        const b = metricsOf(gold.map(rename), predicted.map(rename), k);
        expect(b.accuracy).toBe(a.accuracy);
        expect(b.macroF1).toBeCloseTo(a.macroF1, 12);
        expect(b.weightedF1).toBeCloseTo(a.weightedF1, 12);
      }),
    );
  });
});
