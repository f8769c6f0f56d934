import { describe, expect, it } from 'vitest';
import { brierScore, negativeLogLikelihood } from './proper-scores.js';

describe('brierScore', () => {
  it('sums squared errors over labels and averages over items', () => {
    const probs = new Float64Array([0.8, 0.2, 0, 0.1, 0.1, 0.8]);
    // Row 1: (0.2² + 0.2²) = 0.08; row 2 with gold 0: 0.9² + 0.1² + 0.8² = 1.46.
    expect(brierScore(probs, [0, 0], 3)).toBeCloseTo((0.08 + 1.46) / 2, 12);
  });

  it('is 0 for certain right answers and 2 for certain wrong ones', () => {
    expect(brierScore(new Float64Array([1, 0]), [0], 2)).toBe(0);
    expect(brierScore(new Float64Array([1, 0]), [1], 2)).toBe(2);
  });
});

describe('negativeLogLikelihood', () => {
  it('averages −ln p of the gold label', () => {
    expect(negativeLogLikelihood(new Float64Array([0.5, 0.5, 0.25, 0.75]), [1, 1], 2)).toBeCloseTo(
      (Math.log(2) + Math.log(4 / 3)) / 2,
      12,
    );
  });

  it('clips zero probabilities instead of returning infinity', () => {
    expect(negativeLogLikelihood(new Float64Array([1, 0]), [1], 2)).toBeCloseTo(
      -Math.log(1e-12),
      9,
    );
    expect(negativeLogLikelihood(new Float64Array([1, 0]), [1], 2, 1e-3)).toBeCloseTo(
      -Math.log(1e-3),
      9,
    );
  });
});
