import { describe, expect, it } from 'vitest';
import { accuracyCoverageCurve } from './accuracy-coverage.js';

describe('accuracyCoverageCurve', () => {
  it('adds items from the most confident down, ties together', () => {
    const curve = accuracyCoverageCurve([0.6, 0.9, 0.8, 0.8], [0, 1, 0, 1]);
    expect(Array.from(curve.threshold)).toEqual([0.9, 0.8, 0.6]);
    expect(Array.from(curve.accepted)).toEqual([1, 3, 4]);
    expect(Array.from(curve.coverage)).toEqual([0.25, 0.75, 1]);
    expect(Array.from(curve.accuracy)).toEqual([1, 2 / 3, 0.5]);
  });

  it('is empty for no items', () => {
    expect(accuracyCoverageCurve([], []).threshold.length).toBe(0);
  });
});
