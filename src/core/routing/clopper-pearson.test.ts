import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { binomialUpperTail, clopperPearson, clopperPearsonLower } from './clopper-pearson.js';
import { inverseRegularizedBeta, logGamma, regularizedBeta } from './incomplete-beta.js';

describe('incomplete beta', () => {
  it('matches closed forms', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(regularizedBeta(0.5, 2, 2)).toBeCloseTo(0.5, 14);
    // I_x(1, b) = 1 − (1 − x)^b and I_x(a, 1) = x^a.
    expect(regularizedBeta(0.3, 1, 7)).toBeCloseTo(1 - 0.7 ** 7, 14);
    expect(regularizedBeta(0.3, 4, 1)).toBeCloseTo(0.3 ** 4, 14);
  });

  it('inverts itself across shapes, large ones included', () => {
    for (const [a, b] of [
      [1, 1],
      [0.5, 0.5],
      [3, 40],
      [950, 51],
      [30000, 200],
    ] as const) {
      for (const p of [1e-6, 0.025, 0.5, 0.975]) {
        const x = inverseRegularizedBeta(p, a, b);
        expect(regularizedBeta(x, a, b)).toBeCloseTo(p, 10);
      }
    }
  });
});

describe('clopperPearson', () => {
  it('matches published values', () => {
    const none = clopperPearson(0, 10, 0.05);
    expect(none.lower).toBe(0);
    expect(none.upper).toBeCloseTo(0.3085, 4);
    const ninetyFive = clopperPearson(95, 100, 0.05);
    expect(ninetyFive.lower).toBeCloseTo(0.8872, 4);
    expect(ninetyFive.upper).toBeCloseTo(0.9836, 4);
    const half = clopperPearson(5, 10, 0.05);
    expect(half.lower).toBeCloseTo(0.1871, 4);
    expect(half.upper).toBeCloseTo(0.8129, 4);
    expect(clopperPearson(10, 10, 0.05).lower).toBeCloseTo(0.025 ** (1 / 10), 12);
  });

  it('gives [0, 1] and no estimate without data', () => {
    const empty = clopperPearson(0, 0);
    expect(empty).toMatchObject({ lower: 0, upper: 1 });
    expect(empty.estimate).toBeNaN();
  });

  it('rejects impossible counts', () => {
    expect(() => clopperPearson(11, 10)).toThrow(HiloError);
    expect(() => clopperPearson(1.5, 10)).toThrow(HiloError);
    expect(() => clopperPearson(1, 10, 0)).toThrow(HiloError);
  });
});

describe('one-sided bound and binomial tail', () => {
  it('are two views of the same test', () => {
    // The lower bound L solves P(Bin(n, L) ≥ k) = delta.
    const L = clopperPearsonLower(480, 500, 0.05);
    expect(binomialUpperTail(480, 500, L)).toBeCloseTo(0.05, 10);
    expect(clopperPearsonLower(99, 99, 0.05)).toBeCloseTo(0.05 ** (1 / 99), 12);
  });

  it('sums the binomial tail exactly', () => {
    expect(binomialUpperTail(10, 10, 0.9)).toBeCloseTo(0.9 ** 10, 14);
    expect(binomialUpperTail(9, 10, 0.9)).toBeCloseTo(0.9 ** 10 + 10 * 0.9 ** 9 * 0.1, 14);
    expect(binomialUpperTail(0, 10, 0.9)).toBe(1);
  });
});
