import { describe, expect, it } from 'vitest';
import { labelSetUncertaintyScores, ratingSpreadScores } from './task-uncertainty.js';

describe('labelSetUncertaintyScores', () => {
  const rows = { probabilities: Float64Array.of(0.9, 0.1, 0.5, 0.9, 0.99, 0.01), classCount: 2 };

  it('scores 1 − P(decided set) on the exact measure', () => {
    const s = labelSetUncertaintyScores(rows, 'exact');
    expect(s[0]).toBeCloseTo(1 - 0.9 * 0.9, 12);
    expect(s[1]).toBeCloseTo(1 - 0.5 * 0.9, 12);
    expect(s[2]).toBeCloseTo(1 - 0.99 * 0.99, 12);
    // Ordered: the item with a label at 0.5 first.
    expect(s[1]).toBeGreaterThan(s[0] as number);
    expect(s[0]).toBeGreaterThan(s[2] as number);
  });

  it('scores twice the expected share of wrong label decisions per label', () => {
    const s = labelSetUncertaintyScores(rows, 'per-label');
    expect(s[0]).toBeCloseTo(2 * (1 - 0.9), 12);
    expect(s[1]).toBeCloseTo(2 * (1 - (0.5 + 0.9) / 2), 12);
  });

  it('follows the bounds: a forced label that is unlikely makes the set uncertain', () => {
    const unlikely = { probabilities: Float64Array.of(0.05, 0.02), classCount: 2 };
    expect(labelSetUncertaintyScores(unlikely, 'exact')[0]).toBeCloseTo(1 - 0.95 * 0.98, 12);
    expect(labelSetUncertaintyScores(unlikely, 'exact', { minLabels: 1 })[0]).toBeCloseTo(
      1 - 0.05 * 0.98,
      12,
    );
  });
});

describe('ratingSpreadScores', () => {
  it('is the expected distance from the median over its maximum, so order matters', () => {
    const s = ratingSpreadScores({
      probabilities: Float64Array.of(
        0.5,
        0,
        0,
        0,
        0.5, // torn between the ends: the most uncertain
        0,
        0,
        0.5,
        0.5,
        0, // torn between neighbours
        0,
        0,
        1,
        0,
        0, // sure
      ),
      classCount: 5,
    });
    expect(s[0]).toBeCloseTo(1, 12);
    expect(s[1]).toBeCloseTo(0.5 / 2, 12);
    expect(s[2]).toBe(0);
  });
});
