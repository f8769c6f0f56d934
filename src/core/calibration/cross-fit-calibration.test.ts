import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { crossFitCalibration } from './cross-fit-calibration.js';
import { syntheticPredictions } from './synthetic-predictions.js';
import { fitTemperatureScaling } from './temperature-scaling.js';

describe('crossFitCalibration', () => {
  const gold = syntheticPredictions({ n: 600, K: 3, temperature: 2.5, seed: 4 });
  const result = crossFitCalibration({
    probs: gold.probs,
    labels: gold.labels,
    K: 3,
    folds: 5,
    seed: 1,
  });

  it('finds that calibrating overconfident scores beats leaving them alone', () => {
    expect(result.best).not.toBe('none');
    expect(result.scores[result.best]?.nll).toBeLessThan(result.scores.none?.nll as number);
    expect(result.scores.temperature?.ece).toBeLessThan(result.scores.none?.ece as number);
    expect(result.calibrator.method).toBe(result.best);
  });

  it('chooses the method with the lowest held-out NLL', () => {
    const nlls = Object.values(result.scores).map((s) => s.nll);
    expect(result.scores[result.best]?.nll).toBe(Math.min(...nlls));
  });

  it('returns held-out distributions for every gold item that sum to 1', () => {
    for (const out of Object.values(result.heldOut)) {
      expect(out.length).toBe(600 * 3);
      for (let i = 0; i < 600; i++) {
        expect(
          (out[3 * i] as number) + (out[3 * i + 1] as number) + (out[3 * i + 2] as number),
        ).toBeCloseTo(1, 9);
      }
    }
  });

  it('calibrates each fold with a map fitted on the other folds only', () => {
    const train = Array.from(result.fold.keys()).filter((i) => result.fold[i] !== 0);
    const test = Array.from(result.fold.keys()).filter((i) => result.fold[i] === 0);
    const rows = (idx: number[]) =>
      Float64Array.from(idx.flatMap((i) => Array.from(gold.probs.subarray(3 * i, 3 * i + 3))));
    const own = fitTemperatureScaling({
      probabilities: rows(train),
      labels: train.map((i) => gold.labels[i] as number),
      K: 3,
    });
    const expected = own.apply(rows(test));
    const heldOut = result.heldOut.temperature as Float64Array;
    test.forEach((item, r) => {
      for (let k = 0; k < 3; k++) expect(heldOut[3 * item + k]).toBe(expected[3 * r + k]);
    });
  });

  it('deals stratified folds', () => {
    for (let label = 0; label < 3; label++) {
      const sizes = [0, 0, 0, 0, 0];
      result.fold.forEach((f, i) => {
        if (gold.labels[i] === label) sizes[f] = (sizes[f] as number) + 1;
      });
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('refuses a gold set too small to split', () => {
    expect(() =>
      crossFitCalibration({ probs: new Float64Array([0.6, 0.4]), labels: [0], K: 2, seed: 1 }),
    ).toThrow(HiloError);
  });
});
