import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import {
  expectedCalibrationError,
  maxCalibrationError,
  reliabilityDiagram,
} from './calibration-error.js';

/** Confidences uniform in [lo, 1]; each right with probability `truth(c)`. */
function sample(n: number, truth: (c: number) => number, seed: number) {
  const rng = createRng(seed);
  const confidence = new Float64Array(n);
  const correct = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = 0.4 + 0.6 * rng.next();
    confidence[i] = c;
    correct[i] = rng.next() < truth(c) ? 1 : 0;
  }
  return { confidence, correct };
}

describe('reliabilityDiagram', () => {
  it('bins by width, keeping empty bins, with 1.0 in the last bin', () => {
    const bins = reliabilityDiagram(
      { confidence: [0.1, 0.15, 0.9, 1], correct: [0, 1, 1, 0] },
      { bins: 4 },
    );
    expect(bins.map((b) => b.count)).toEqual([2, 0, 0, 2]);
    expect(bins[0]).toMatchObject({ lower: 0, upper: 0.25, accuracy: 0.5 });
    expect(bins[0]?.meanConfidence).toBeCloseTo(0.125, 12);
    expect(bins[1]?.accuracy).toBeNaN();
    expect(bins[3]?.meanConfidence).toBeCloseTo(0.95, 12);
  });

  it('bins by mass in confidence order', () => {
    const bins = reliabilityDiagram(
      { confidence: [0.9, 0.1, 0.5, 0.7], correct: [1, 0, 1, 0] },
      { bins: 2, binning: 'mass' },
    );
    expect(bins).toEqual([
      { lower: 0.1, upper: 0.5, meanConfidence: 0.3, accuracy: 0.5, count: 2 },
      { lower: 0.7, upper: 0.9, meanConfidence: 0.8, accuracy: 0.5, count: 2 },
    ]);
  });
});

describe('expectedCalibrationError and maxCalibrationError', () => {
  it('match a hand computation', () => {
    const data = { confidence: [0.9, 0.9, 0.6, 0.6], correct: [1, 1, 1, 0] };
    // Bins at 0.9 (accuracy 1, gap 0.1) and 0.6 (accuracy 0.5, gap 0.1).
    expect(expectedCalibrationError(data, { bins: 10 })).toBeCloseTo(0.1, 12);
    expect(maxCalibrationError(data, { bins: 10 })).toBeCloseTo(0.1, 12);
  });

  it('is small for perfectly calibrated data under both binnings', () => {
    const data = sample(20000, (c) => c, 1);
    expect(expectedCalibrationError(data)).toBeLessThan(0.015);
    expect(expectedCalibrationError(data, { binning: 'mass', bins: 10 })).toBeLessThan(0.015);
  });

  it('is large for overconfident data', () => {
    const data = sample(20000, (c) => c - 0.15, 2);
    expect(expectedCalibrationError(data)).toBeGreaterThan(0.13);
    expect(maxCalibrationError(data)).toBeGreaterThan(0.13);
  });
});
