import { describe, expect, it } from 'vitest';
import { centredCovariance } from './centred-covariance.js';
import { symmetricInverse } from './symmetric-inverse.js';

describe('symmetricInverse', () => {
  it('inverts a symmetric positive-definite matrix', () => {
    const inverse = symmetricInverse(Float64Array.of(4, 1, 0, 1, 3, 1, 0, 1, 2), 3);
    // Reference: numpy.linalg.inv (numpy 2.4).
    const expected = [5 / 18, -1 / 9, 1 / 18, -1 / 9, 4 / 9, -2 / 9, 1 / 18, -2 / 9, 11 / 18];
    expected.forEach((value, k) => expect(inverse[k]).toBeCloseTo(value, 12));
  });

  it('refuses a singular matrix and a wrong shape', () => {
    expect(() => symmetricInverse(Float64Array.of(1, 1, 1, 1), 2)).toThrow(/singular/);
    expect(() => symmetricInverse(Float64Array.of(1, 2, 3), 2)).toThrow(/not 2 × 2/);
  });
});

describe('centredCovariance', () => {
  it('gives the variance of two level systems that met 4 times', () => {
    // By hand: information of the difference 4 · ½ · ½ = 1, so Var(θ₀ − θ₁) = 1 and each
    // centred score, ±(θ₀ − θ₁)/2, has variance ¼.
    const covariance = centredCovariance(Float64Array.of(0, 0), Float64Array.of(0, 4, 4, 0), 2);
    [0.25, -0.25, -0.25, 0.25].forEach((value, k) => expect(covariance[k]).toBeCloseTo(value, 12));
  });
});
