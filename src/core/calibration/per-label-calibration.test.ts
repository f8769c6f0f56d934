import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { crossFitPerLabel, restorePerLabelCalibrator } from './per-label-calibration.js';

describe('crossFitPerLabel', () => {
  it('calibrates each label on its own, and restores to the same map', () => {
    const rng = createRng(3);
    const n = 600;
    const L = 2;
    const yes = new Float64Array(n * L);
    const truth = new Uint8Array(n * L);
    for (let i = 0; i < n; i++) {
      const q = rng.next();
      // Label 0 is stated overconfidently; label 1 is stated as it is.
      yes[i * L] = q > 0.5 ? Math.sqrt(q) : q * q;
      yes[i * L + 1] = q;
      truth[i * L] = rng.next() < q ? 1 : 0;
      truth[i * L + 1] = rng.next() < q ? 1 : 0;
    }
    const fit = crossFitPerLabel({ yes, truth, L, folds: 5, seed: 1 });
    expect(fit.labels).toHaveLength(2);
    expect(fit.labels[0]?.eceAfter).toBeLessThan((fit.labels[0]?.eceBefore ?? 0) / 2);
    expect(fit.labels[1]?.eceAfter).toBeLessThan(0.06);
    const restored = restorePerLabelCalibrator(JSON.stringify(fit.calibrator.params), L);
    expect(Array.from(restored.apply(yes.subarray(0, 10)))).toEqual(
      Array.from(fit.calibrator.apply(yes.subarray(0, 10))),
    );
    expect(() => restorePerLabelCalibrator(JSON.stringify(fit.calibrator.params), 3)).toThrow(
      /has 2 labels, the project 3/,
    );
  });

  it('keeps the raw probability of a label gold never shows applying', () => {
    const yes = Float64Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 0.1 : 0.3));
    const truth = new Uint8Array(40);
    const fit = crossFitPerLabel({ yes, truth, L: 2, folds: 5, seed: 1 });
    expect(fit.labels.map((l) => l.method)).toEqual(['none', 'none']);
    expect(fit.calibrator.apply(Float64Array.of(0.1, 0.3))[1]).toBeCloseTo(0.3, 12);
  });
});
