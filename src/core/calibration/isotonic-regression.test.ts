import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitIsotonic, isotonicRegression, predictIsotonic } from './isotonic-regression.js';
import { syntheticPredictions } from './synthetic-predictions.js';
import { topLabel } from './top-label.js';

describe('isotonicRegression', () => {
  it('keeps the first and last x of each block as knots', () => {
    const model = isotonicRegression([1, 2, 3, 4], [1, 3, 2, 4]);
    expect(Array.from(model.x)).toEqual([1, 2, 3, 4]);
    expect(Array.from(model.y)).toEqual([1, 2.5, 2.5, 4]);
  });

  it('sorts by x and pools equal x before fitting', () => {
    const model = isotonicRegression([3, 1, 1, 2], [1, 0, 1, 0]);
    // x=1 pools to 0.5; then 0.5 > 0 at x=2 violates, pooling to 1/3; x=3 stays 1.
    expect(Array.from(model.x)).toEqual([1, 2, 3]);
    expect(Array.from(model.y).map((v) => +v.toFixed(12))).toEqual([
      0.333333333333, 0.333333333333, 1,
    ]);
  });

  it('interpolates between knots and is flat outside them', () => {
    const model = { x: Float64Array.of(0.5, 1), y: Float64Array.of(0.2, 0.8) };
    expect(predictIsotonic(model, 0.75)).toBeCloseTo(0.5, 12);
    expect(predictIsotonic(model, 0.1)).toBe(0.2);
    expect(predictIsotonic(model, 2)).toBe(0.8);
  });
});

describe('fitIsotonic', () => {
  it('gives a calibrated confidence that is monotone in the raw one (property)', () => {
    const data = syntheticPredictions({ n: 400, K: 3, temperature: 2, seed: 9 });
    const calibrator = fitIsotonic({ probabilities: data.probs, labels: data.labels, K: 3 });
    fc.assert(
      fc.property(
        fc.double({ min: 0.34, max: 1, noNaN: true }),
        fc.double({ min: 0.34, max: 1, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const rows = new Float64Array([
            lo,
            (1 - lo) / 2,
            (1 - lo) / 2,
            hi,
            (1 - hi) / 2,
            (1 - hi) / 2,
          ]);
          const c = topLabel(calibrator.apply(rows), 3).confidence;
          expect(c[1]).toBeGreaterThanOrEqual((c[0] as number) - 1e-12);
        },
      ),
    );
  });

  it('stays strictly inside (0, 1) and keeps rows summing to 1', () => {
    const probabilities = new Float64Array([0.9, 0.1, 0.95, 0.05, 0.6, 0.4]);
    const calibrator = fitIsotonic({ probabilities, labels: [0, 0, 1], K: 2 });
    const out = calibrator.apply(probabilities);
    for (let i = 0; i < 3; i++) {
      expect((out[2 * i] as number) + (out[2 * i + 1] as number)).toBeCloseTo(1, 12);
      expect(out[2 * i]).toBeLessThan(1);
    }
  });
});
