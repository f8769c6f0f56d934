import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { topScored } from './top-scored.js';
import { entropyScores, leastConfidenceScores, marginScores } from './uncertainty-scores.js';

const rows = (...values: number[][]) => ({
  probabilities: Float64Array.from(values.flat()),
  classCount: values[0]?.length ?? 0,
});

describe('uncertainty scores', () => {
  // A: nearly tied between two labels; B: unsure overall but with a clear (small) leader;
  // C: confident.
  const pool = rows([0.5, 0.45, 0.05], [0.4, 0.3, 0.3], [0.9, 0.05, 0.05]);
  const pick = (scores: Float64Array) => topScored(scores, 1, createRng(1))[0];

  it('margin picks the item whose two best labels are closest', () => {
    const scores = marginScores(pool);
    expect(Array.from(scores)).toEqual([
      expect.closeTo(0.95, 12),
      expect.closeTo(0.9, 12),
      expect.closeTo(0.15, 12),
    ]);
    expect(pick(scores)).toBe(0);
  });

  it('least confidence and entropy prefer the item with the lowest top probability', () => {
    expect(Array.from(leastConfidenceScores(pool))).toEqual([
      expect.closeTo(0.5, 12),
      expect.closeTo(0.6, 12),
      expect.closeTo(0.1, 12),
    ]);
    expect(pick(leastConfidenceScores(pool))).toBe(1);
    expect(pick(entropyScores(pool))).toBe(1);
  });

  it('entropy is ln K for a uniform row and 0 for a one-hot row', () => {
    const scores = entropyScores(rows([0.25, 0.25, 0.25, 0.25], [0, 1, 0, 0]));
    expect(scores[0]).toBeCloseTo(Math.log(4), 12);
    expect(scores[1]).toBe(0);
  });

  it('rejects a matrix whose length is not a multiple of the classes', () => {
    expect(() => marginScores({ probabilities: new Float64Array(5), classCount: 2 })).toThrow(
      RangeError,
    );
  });
});
