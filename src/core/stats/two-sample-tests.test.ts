import { describe, expect, it } from 'vitest';
import {
  chiSquareHomogeneity,
  kolmogorovSmirnov,
  kolmogorovTail,
  regularizedGammaQ,
} from './two-sample-tests.js';

// Reference values from scipy 1.x: stats.kstwobign.sf, stats.chi2.sf, stats.chi2_contingency.
describe('two-sample tests', () => {
  it('matches the Kolmogorov distribution and its statistic', () => {
    expect(kolmogorovTail(1.36)).toBeCloseTo(0.0494859, 6);
    const r = kolmogorovSmirnov([0.1, 0.4, 0.5, 0.9, 0.95], [0.2, 0.3, 0.35, 0.6, 0.7, 0.8, 0.99]);
    expect(r.statistic).toBeCloseTo(0.2571429, 6);
    // scipy's plain asymptotic p-value is 0.964; Stephens' correction is a little smaller.
    expect(r.pValue).toBeGreaterThan(0.9);
    expect(kolmogorovSmirnov([1, 2, 3], [1, 2, 3]).statistic).toBe(0);
  });

  it('matches the chi-square tail', () => {
    expect(regularizedGammaQ(0.5, 3.841458820694124 / 2)).toBeCloseTo(0.05, 10);
    expect(regularizedGammaQ(2, 5)).toBeCloseTo(0.0404276819945128, 10);
    expect(regularizedGammaQ(1, 2)).toBeCloseTo(Math.exp(-2), 12);
  });

  it('tests homogeneity of two label counts, pooling thin categories', () => {
    const r = chiSquareHomogeneity([50, 48, 12], [400, 420, 180]);
    expect(r.statistic).toBeCloseTo(3.6708916, 6);
    expect(r.df).toBe(2);
    expect(r.pValue).toBeCloseTo(0.1595424, 6);
    // Two categories with under 5 expected in the smaller sample become one.
    expect(chiSquareHomogeneity([50, 48, 1, 1], [400, 420, 10, 10]).df).toBe(2);
    expect(chiSquareHomogeneity([10], [20]).pValue).toBe(1);
  });
});
