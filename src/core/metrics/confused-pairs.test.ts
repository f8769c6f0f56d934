import { describe, expect, it } from 'vitest';
import { confusedPairs } from './confused-pairs.js';
import { confusionMatrix } from './confusion-matrix.js';

// gold → predicted: 0→1 ×3, 1→0 ×1, 2→0 ×2, 2→1 ×2, plus correct items.
const gold = [0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2];
const predicted = [1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 2];
const matrix = confusionMatrix(gold, predicted, 3);

describe('confusedPairs', () => {
  it('lists directed confusions by count, ties by class index', () => {
    expect(confusedPairs(matrix)).toEqual([
      { a: 0, b: 1, count: 3, rate: 3 / 4 },
      { a: 2, b: 0, count: 2, rate: 2 / 5 },
      { a: 2, b: 1, count: 2, rate: 2 / 5 },
      { a: 1, b: 0, count: 1, rate: 1 / 2 },
    ]);
  });

  it('adds both directions in symmetric mode', () => {
    expect(confusedPairs(matrix, { symmetric: true })).toEqual([
      { a: 0, b: 1, count: 4, rate: 4 / 6 },
      { a: 0, b: 2, count: 2, rate: 2 / 9 },
      { a: 1, b: 2, count: 2, rate: 2 / 7 },
    ]);
  });

  it('keeps at most `limit` pairs and never lists the diagonal or empty cells', () => {
    expect(confusedPairs(matrix, { limit: 2 }).map((p) => [p.a, p.b])).toEqual([
      [0, 1],
      [2, 0],
    ]);
    expect(confusedPairs(confusionMatrix([0, 1], [0, 1], 2))).toEqual([]);
  });
});
