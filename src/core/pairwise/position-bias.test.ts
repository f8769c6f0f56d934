import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { positionBias } from './position-bias.js';

/** A judge that moves `shift` of probability from the second-shown response to the first. */
function biasedJudge(
  truth: number[][],
  shift: number,
): { original: Float64Array; swapped: Float64Array } {
  return {
    original: Float64Array.from(truth.flatMap(([a, b, t]) => [a! + shift, b! - shift, t!])),
    // Asked with B first, then mapped back to the original A and B.
    swapped: Float64Array.from(truth.flatMap(([a, b, t]) => [a! - shift, b! + shift, t!])),
  };
}

const TRUTH = [
  [0.5, 0.4, 0.1],
  [0.8, 0.1, 0.1],
  [0.2, 0.2, 0.6],
  [0.15, 0.75, 0.1],
];

describe('positionBias', () => {
  it('measures a judge that adds 0.1 to whichever response it sees first', () => {
    const { original, swapped } = biasedJudge(TRUTH, 0.1);
    const bias = positionBias(original, swapped);
    // By hand: top verdicts are A, A, tie, B in the original order and B, A, tie, B swapped, so
    // item 0 flips (1 of 4); the first-shown response wins 2 of 3 decisive verdicts in each
    // order (4 of 6); the shift is the 0.1 built in.
    expect(bias.items).toBe(4);
    expect(bias.flipRate).toBeCloseTo(0.25, 12);
    expect(bias.firstPositionWinRate).toBeCloseTo(4 / 6, 12);
    expect(bias.positionShift).toBeCloseTo(0.1, 12);
    // The combination cancels the bias: it gives back the judge's unbiased distributions.
    TRUTH.flat().forEach((p, k) => expect(bias.combined[k]).toBeCloseTo(p, 12));
  });

  it('reports no bias for a judge that answers the same in both orders', () => {
    const { original, swapped } = biasedJudge(TRUTH, 0);
    const bias = positionBias(original, swapped);
    expect(bias.flipRate).toBe(0);
    // A, A, tie, B in both orders: A is first-shown only in the original order, B only swapped.
    expect(bias.firstPositionWinRate).toBeCloseTo(0.5, 12);
    expect(bias.positionShift).toBeCloseTo(0, 12);
    expect(Array.from(bias.combined)).toEqual(Array.from(original));
  });

  it('gives the worked example of its documentation', () => {
    const bias = positionBias(Float64Array.of(0.7, 0.2, 0.1), Float64Array.of(0.3, 0.6, 0.1));
    expect(bias.flipRate).toBe(1);
    expect(bias.firstPositionWinRate).toBe(1);
    expect(bias.positionShift).toBeCloseTo(0.2, 12);
    [0.5, 0.4, 0.1].forEach((p, k) => expect(bias.combined[k]).toBeCloseTo(p, 12));
  });

  it('cancels any additive first-position bias and measures its size', () => {
    const row = fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([u, v]) => {
        const a = Math.min(u, v);
        return [a, Math.max(u, v) - a, 1 - Math.max(u, v)];
      });
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (truth, share) => {
          const room = Math.min(...truth.map(([a, b]) => Math.min(a!, b!)));
          const shift = share * room;
          const { original, swapped } = biasedJudge(truth, shift);
          const bias = positionBias(original, swapped);
          truth.flat().forEach((p, k) => expect(bias.combined[k]).toBeCloseTo(p, 9));
          expect(bias.positionShift).toBeCloseTo(shift, 9);
          expect(bias.firstPositionWinRate >= 0.5 || Number.isNaN(bias.firstPositionWinRate)).toBe(
            true,
          );
        },
      ),
    );
  });

  it('normalises rows and rejects what is not a distribution', () => {
    const bias = positionBias(Float64Array.of(2, 1, 1), Float64Array.of(1, 1, 2));
    [0.375, 0.25, 0.375].forEach((p, k) => expect(bias.combined[k]).toBeCloseTo(p, 12));
    expect(() => positionBias(Float64Array.of(1, 0), Float64Array.of(1, 0))).toThrow(HiloError);
    expect(() => positionBias(Float64Array.of(1, 0, 0), Float64Array.of(0, 0, 0))).toThrow(
      /not a distribution/,
    );
    expect(() => positionBias(Float64Array.of(-1, 1, 1), Float64Array.of(1, 0, 0))).toThrow(
      /not a distribution/,
    );
    expect(Number.isNaN(positionBias(new Float64Array(0), new Float64Array(0)).flipRate)).toBe(
      true,
    );
  });
});
