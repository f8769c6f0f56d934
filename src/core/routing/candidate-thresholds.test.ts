import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import {
  candidateThresholds,
  minimumTestableAccepted,
  suggestedMinCoverage,
} from './candidate-thresholds.js';

describe('candidateThresholds', () => {
  const reference = Float64Array.from({ length: 100 }, (_, i) => (i + 1) / 100);

  it('puts thresholds at evenly spaced coverages, strictest first', () => {
    const t = candidateThresholds({ reference, minCoverage: 0.2, steps: 4 });
    // Coverages 0.2, 0.4, 0.6, 0.8, 1.0 of the reference scores 0.01..1.00.
    expect(Array.from(t).map((v) => +v.toFixed(2))).toEqual([0.81, 0.61, 0.41, 0.21, 0.01]);
  });

  it('drops duplicates from tied scores', () => {
    const t = candidateThresholds({ reference: [0.9, 0.9, 0.9, 0.5], minCoverage: 0.25, steps: 3 });
    expect(Array.from(t)).toEqual([0.9, 0.5]);
  });

  it('rejects an impossible coverage', () => {
    expect(() => candidateThresholds({ reference, minCoverage: 0 })).toThrow(HiloError);
  });
});

describe('minimum testable gold', () => {
  it('is the n where target^n reaches delta', () => {
    expect(minimumTestableAccepted(0.97, 0.05)).toBe(99);
    expect(0.97 ** 99).toBeLessThanOrEqual(0.05);
    expect(0.97 ** 98).toBeGreaterThan(0.05);
  });

  it('suggests a start coverage from the gold size alone', () => {
    expect(suggestedMinCoverage({ goldSize: 500, target: 0.97, delta: 0.05 })).toBeCloseTo(
      0.396,
      12,
    );
    expect(suggestedMinCoverage({ goldSize: 100, target: 0.97, delta: 0.05 })).toBe(1);
  });
});
