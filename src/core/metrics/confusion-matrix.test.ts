import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HiloError } from '../errors.js';
import { classCountOf, confusionMatrix } from './confusion-matrix.js';

describe('confusionMatrix', () => {
  it('matches the scikit-learn documentation example', () => {
    // sklearn.metrics.confusion_matrix: y_true = [2, 0, 2, 2, 0, 1], y_pred = [0, 0, 2, 2, 0, 2]
    const matrix = confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], 3);
    expect(Array.from(matrix)).toEqual([2, 0, 0, 0, 0, 1, 1, 0, 2]);
  });

  it('puts gold on rows and predictions on columns', () => {
    const matrix = confusionMatrix([0, 0, 0], [1, 1, 0], 2);
    expect(matrix[0 * 2 + 1]).toBe(2);
    expect(matrix[1 * 2 + 0]).toBe(0);
  });

  it('rejects mismatched lengths and out-of-range classes', () => {
    expect(() => confusionMatrix([0, 1], [0], 2)).toThrow(HiloError);
    expect(() => confusionMatrix([0, 2], [0, 1], 2)).toThrow(/outside 0..1/);
    expect(() => confusionMatrix([0, -1], [0, 1], 2)).toThrow(HiloError);
    expect(() => confusionMatrix([0.5], [0], 2)).toThrow(HiloError);
  });

  it('counts every item exactly once', () => {
    const pairs = fc
      .integer({ min: 1, max: 6 })
      .chain((k) =>
        fc
          .array(fc.tuple(fc.nat(k - 1), fc.nat(k - 1)), { maxLength: 60 })
          .map((items) => ({ k, items })),
      );
    fc.assert(
      fc.property(pairs, ({ k, items }) => {
        const matrix = confusionMatrix(
          items.map(([g]) => g),
          items.map(([, p]) => p),
          k,
        );
        expect(matrix.reduce((a, b) => a + b, 0)).toBe(items.length);
        expect(classCountOf(matrix)).toBe(k);
      }),
    );
  });

  it('classCountOf refuses a non-square matrix', () => {
    expect(() => classCountOf(new Int32Array(8))).toThrow(/not square/);
  });
});
