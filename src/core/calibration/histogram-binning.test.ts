import { describe, expect, it } from 'vitest';
import { fitHistogramBinning } from './histogram-binning.js';

describe('fitHistogramBinning', () => {
  it('makes equal-mass bins that map to their accuracy', () => {
    // Top confidences 0.55..0.95 for 8 binary rows; 4 bins of 2 items each.
    const conf = [0.55, 0.6, 0.65, 0.7, 0.8, 0.85, 0.9, 0.95];
    const probabilities = new Float64Array(conf.flatMap((c) => [c, 1 - c]));
    const labels = [1, 1, 0, 1, 0, 0, 0, 0]; // right: no, no, yes, no, yes, yes, yes, yes
    const fitted = fitHistogramBinning({ probabilities, labels, K: 2 }, 4);
    if (fitted.params.method !== 'histogram') throw new Error('wrong method');
    expect(fitted.params.edges.map((e) => +e.toFixed(10))).toEqual([0.625, 0.75, 0.875]);
    const eps = 0.5 / 9;
    expect(fitted.params.values).toEqual([eps, 0.5, 1 - eps, 1 - eps]);
    const out = fitted.apply(new Float64Array([0.82, 0.18]));
    expect(out[0]).toBeCloseTo(1 - eps, 12);
    expect(out[1]).toBeCloseTo(eps, 12);
    // A bin at 0.5 would tie the two labels: the floor keeps the machine's label just ahead.
    const tie = fitted.apply(new Float64Array([0.72, 0.28]));
    expect(tie[0]).toBeGreaterThan(tie[1] as number);
    expect(tie[0]).toBeCloseTo(0.5, 8);
  });

  it('merges bins that would split equal confidences', () => {
    const probabilities = new Float64Array([0.7, 0.3, 0.7, 0.3, 0.7, 0.3, 0.9, 0.1]);
    const fitted = fitHistogramBinning({ probabilities, labels: [0, 1, 0, 0], K: 2 }, 4);
    if (fitted.params.method !== 'histogram') throw new Error('wrong method');
    expect(fitted.params.edges).toEqual([0.8]);
    expect(fitted.params.values[0]).toBeCloseTo(2 / 3, 12);
  });
});
