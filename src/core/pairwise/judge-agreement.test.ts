import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { judgeAgreement } from './judge-agreement.js';

describe('judgeAgreement', () => {
  it('gives raw agreement and κ on a worked example, skipping missing verdicts', () => {
    const judge = Int32Array.of(0, 0, 1, 2, 1, 0, -1, 2, 1, 0, 1, 0);
    const people = Int32Array.of(0, 1, 1, 2, 1, 0, 2, 1, 1, -1, 0, 0);
    const result = judgeAgreement(judge, people);
    // Reference (numpy 2.4): the 3 × 3 table of the 10 paired items, p_o = trace / n,
    // p_e = rowsᵀ·columns / n², κ = (p_o − p_e) / (1 − p_e) = 0.5161290322580644.
    expect(result.items).toBe(10);
    expect(result.agreement).toBeCloseTo(0.7, 12);
    expect(result.kappa).toBeCloseTo(0.5161290322580644, 12);
    expect(Array.from(result.table)).toEqual([3, 1, 0, 1, 3, 0, 0, 1, 1]);
  });

  it('gives the example of its documentation', () => {
    const result = judgeAgreement(Int32Array.of(0, 0, 1, 2), Int32Array.of(0, 1, 1, 2));
    // By hand: p_o = 3/4, p_e = (2·1 + 1·2 + 1·1) / 16 = 5/16, κ = (7/16) / (11/16) = 7/11.
    expect(result.agreement).toBe(0.75);
    expect(result.kappa).toBeCloseTo(7 / 11, 12);
  });

  it('is 1 under perfect agreement and NaN with nothing to compare', () => {
    const verdicts = Int32Array.of(0, 1, 2, 1, 0);
    expect(judgeAgreement(verdicts, verdicts)).toMatchObject({ agreement: 1, kappa: 1 });
    const none = judgeAgreement(Int32Array.of(-1, 0), Int32Array.of(1, -1));
    expect(none.items).toBe(0);
    expect(Number.isNaN(none.agreement)).toBe(true);
    expect(Number.isNaN(none.kappa)).toBe(true);
  });

  it('rejects mismatched lengths and unknown verdicts', () => {
    expect(() => judgeAgreement(Int32Array.of(0), Int32Array.of(0, 1))).toThrow(HiloError);
    expect(() => judgeAgreement(Int32Array.of(3), Int32Array.of(0))).toThrow(/not A, B or tie/);
  });
});
