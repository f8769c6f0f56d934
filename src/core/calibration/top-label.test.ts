import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rescaleTopLabel, topLabel, topLabelOutcomes } from './top-label.js';

const rowsArbitrary = (K: number) =>
  fc
    .array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: K, maxLength: K }), {
      minLength: 1,
      maxLength: 20,
    })
    .filter((rows) => rows.every((r) => r.reduce((a, b) => a + b, 0) > 1e-6))
    .map((rows) => {
      const out = new Float64Array(rows.length * K);
      rows.forEach((r, i) => {
        const s = r.reduce((a, b) => a + b, 0);
        r.forEach((v, k) => (out[i * K + k] = v / s));
      });
      return out;
    });

describe('topLabel', () => {
  it('picks the most probable label, lowest index on ties', () => {
    const { predicted, confidence } = topLabel(new Float64Array([0.2, 0.8, 0.5, 0.5]), 2);
    expect(Array.from(predicted)).toEqual([1, 0]);
    expect(Array.from(confidence)).toEqual([0.8, 0.5]);
  });

  it('marks right and wrong answers against gold', () => {
    const out = topLabelOutcomes(new Float64Array([0.2, 0.8, 0.9, 0.1]), [1, 1], 2);
    expect(Array.from(out.correct)).toEqual([1, 0]);
  });
});

describe('rescaleTopLabel', () => {
  it('sets the top probability and scales the others proportionally', () => {
    const out = rescaleTopLabel(new Float64Array([0.1, 0.6, 0.3]), 3, () => 0.8);
    expect(out[1]).toBeCloseTo(0.8, 12);
    expect(out[0]).toBeCloseTo(0.05, 12);
    expect(out[2]).toBeCloseTo(0.15, 12);
  });

  it('spreads the remainder evenly when the other labels were all zero', () => {
    const out = rescaleTopLabel(new Float64Array([0, 1, 0]), 3, () => 0.9);
    expect(Array.from(out).map((v) => +v.toFixed(12))).toEqual([0.05, 0.9, 0.05]);
  });

  it('never lets the runner-up overtake the machine label', () => {
    const out = rescaleTopLabel(new Float64Array([0.45, 0.4, 0.15]), 3, () => 0.1);
    expect(topLabel(out, 3).predicted[0]).toBe(0);
    expect(out[0]).toBeGreaterThan(out[1] as number);
  });

  it('keeps rows summing to 1 and the top label fixed, for any map (property)', () => {
    fc.assert(
      fc.property(rowsArbitrary(4), fc.double({ min: 0, max: 1, noNaN: true }), (probs, v) => {
        const out = rescaleTopLabel(probs, 4, () => v);
        const before = topLabel(probs, 4).predicted;
        const after = topLabel(out, 4).predicted;
        for (let i = 0; i < before.length; i++) {
          let sum = 0;
          for (let k = 0; k < 4; k++) sum += out[i * 4 + k] as number;
          expect(sum).toBeCloseTo(1, 9);
          expect(after[i]).toBe(before[i]);
        }
      }),
    );
  });
});
