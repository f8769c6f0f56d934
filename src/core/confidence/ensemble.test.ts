import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { ensemble } from './ensemble.js';

const arr = (...values: number[]): Float64Array => Float64Array.from(values);

describe('ensemble', () => {
  it('takes the renormalised geometric mean', () => {
    const out = ensemble([arr(0.8, 0.2), arr(0.5, 0.5)]);
    expect(out[0]).toBeCloseTo(Math.sqrt(0.4) / (Math.sqrt(0.4) + Math.sqrt(0.1)), 12);
    expect(out[1]).toBeCloseTo(Math.sqrt(0.1) / (Math.sqrt(0.4) + Math.sqrt(0.1)), 12);
  });

  it('returns a single member unchanged', () => {
    const out = ensemble([arr(0.1, 0.6, 0.3)]);
    expect(Array.from(out).map((v) => Number(v.toFixed(12)))).toEqual([0.1, 0.6, 0.3]);
  });

  it('weights members', () => {
    const out = ensemble([arr(0.9, 0.1), arr(0.1, 0.9)], { weights: [3, 1] });
    const a = 0.9 ** 0.75 * 0.1 ** 0.25;
    const b = 0.1 ** 0.75 * 0.9 ** 0.25;
    expect(out[0]).toBeCloseTo(a / (a + b), 12);
  });

  it('lets a member that rules a label out pull it down, without a hard veto', () => {
    const out = ensemble([arr(0.99, 0.01), arr(0, 1)]);
    expect(out[0]).toBeGreaterThan(0);
    expect(out[0]).toBeLessThan(1e-4);
  });

  it('rejects bad input', () => {
    expect(() => ensemble([])).toThrow(HiloError);
    expect(() => ensemble([arr(0.5, 0.5), arr(1)])).toThrow(/label counts/);
    expect(() => ensemble([arr(0.5, 0.5)], { weights: [1, 1] })).toThrow(/one weight/);
    expect(() => ensemble([arr(0.5, 0.5)], { weights: [0] })).toThrow(/positive sum/);
  });

  it('always gives a distribution', () => {
    const dist = fc
      .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 })
      .map((v) => arr(...v));
    fc.assert(
      fc.property(fc.array(dist, { minLength: 1, maxLength: 5 }), (members) => {
        const out = Array.from(ensemble(members));
        expect(out.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
        expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
      }),
    );
  });
});
