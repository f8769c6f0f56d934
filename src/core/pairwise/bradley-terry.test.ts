import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { createRng } from '../rng.js';
import { bradleyTerry } from './bradley-terry.js';
import type { PairwiseOutcomes } from './pairwise-outcomes.js';

/** Blocks of [first, second, wins of first, wins of second, ties]. */
function outcomesOf(blocks: number[][], numSystems: number): PairwiseOutcomes {
  const first: number[] = [];
  const second: number[] = [];
  const score: number[] = [];
  for (const [a, b, winsA, winsB, ties] of blocks as [number, number, number, number, number][]) {
    const push = (s: number, times: number): void => {
      for (let t = 0; t < times; t++) {
        first.push(a);
        second.push(b);
        score.push(s);
      }
    };
    push(1, winsA);
    push(0, winsB);
    push(0.5, ties);
  }
  return {
    numSystems,
    first: Int32Array.from(first),
    second: Int32Array.from(second),
    score: Float64Array.from(score),
  };
}

const EXAMPLE = outcomesOf(
  [
    [0, 1, 6, 3, 1],
    [2, 0, 4, 4, 0],
    [0, 3, 7, 1, 2],
    [1, 2, 2, 5, 1],
    [3, 1, 3, 5, 0],
    [2, 3, 6, 2, 0],
  ],
  4,
);

function expectClose(actual: Float64Array, expected: number[], digits: number): void {
  expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, digits));
}

describe('bradleyTerry', () => {
  // Reference: the same games as a logistic regression on x = e_first − e_second with system 0
  // pinned, ties as y = 0.5, fitted with scipy.optimize.minimize (BFGS, numpy 2.4 / scipy 1.17);
  // standard errors from inv(Xᵀ diag(p(1−p)) X), embedded with 0 for system 0 and centred.
  it('matches an independent logistic-regression fit without a prior', () => {
    const fit = bradleyTerry(EXAMPLE, { prior: 0 });
    expect(fit.converged).toBe(true);
    expectClose(fit.scores, [0.492693908, -0.2180859564, 0.4779136688, -0.7525216204], 7);
    expectClose(fit.standardErrors, [0.3080161975, 0.310477933, 0.3304953636, 0.3359740872], 7);
    expect(Array.from(fit.ranking)).toEqual([0, 2, 1, 3]);
    expect(fit.lower[0]).toBeCloseTo(0.492693908 - 1.959963985 * 0.3080161975, 6);
    expect(fit.upper[3]).toBeCloseTo(-0.7525216204 + 1.959963985 * 0.3359740872, 6);
  });

  // Reference: the same fit with 1/3 of a virtual game per pair, scored 0.5, added as a row.
  it('matches the reference with the default prior of one virtual tie per system', () => {
    const fit = bradleyTerry(EXAMPLE);
    expectClose(fit.scores, [0.4736870342, -0.2100680772, 0.4555690751, -0.7191880321], 7);
    expectClose(fit.standardErrors, [0.3007684981, 0.3033460276, 0.3218201952, 0.3261787171], 7);
  });

  it('centres the scores and returns a covariance whose diagonal gives the standard errors', () => {
    const fit = bradleyTerry(EXAMPLE);
    expect(fit.scores.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    for (let i = 0; i < 4; i++) {
      expect(Math.sqrt(fit.covariance[i * 4 + i] as number)).toBeCloseTo(
        fit.standardErrors[i] as number,
        12,
      );
      // Centred scores sum to 0, so every row of their covariance sums to 0.
      let row = 0;
      for (let j = 0; j < 4; j++) row += fit.covariance[i * 4 + j] as number;
      expect(row).toBeCloseTo(0, 10);
    }
  });

  it('keeps an undefeated system finite with a prior and refuses it without one', () => {
    const undefeated = outcomesOf(
      [
        [0, 1, 5, 0, 0],
        [0, 2, 4, 0, 0],
        [1, 2, 3, 2, 0],
      ],
      3,
    );
    const fit = bradleyTerry(undefeated);
    expect(fit.converged).toBe(true);
    expect(fit.ranking[0]).toBe(0);
    for (const value of [...fit.scores, ...fit.standardErrors]) {
      expect(Number.isFinite(value)).toBe(true);
    }
    expect(() => bradleyTerry(undefeated, { prior: 0 })).toThrow(/system 0 never lost/);
  });

  it('refuses disconnected systems without a prior and bad comparisons always', () => {
    const split = outcomesOf(
      [
        [0, 1, 2, 1, 0],
        [2, 3, 1, 2, 0],
      ],
      4,
    );
    expect(() => bradleyTerry(split, { prior: 0 })).toThrow(/do not connect/);
    expect(bradleyTerry(split).converged).toBe(true);
    const bad = { numSystems: 2, first: Int32Array.of(0), second: Int32Array.of(0) };
    expect(() => bradleyTerry({ ...bad, score: Float64Array.of(1) })).toThrow(HiloError);
    const outside = { ...bad, second: Int32Array.of(1), score: Float64Array.of(1.5) };
    expect(() => bradleyTerry(outside)).toThrow(/outside \[0, 1\]/);
  });

  it('recovers the order of known strengths from simulated games', () => {
    const truth = [1.2, -0.6, 0.6, -1.2, 0];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (seed) => {
        const rng = createRng(seed);
        const blocks: number[][] = [];
        for (let i = 0; i < 5; i++) {
          for (let j = i + 1; j < 5; j++) {
            let wins = 0;
            const p = 1 / (1 + Math.exp((truth[j] as number) - (truth[i] as number)));
            for (let g = 0; g < 150; g++) if (rng.next() < p) wins++;
            blocks.push(
              rng.next() < 0.5 ? [i, j, wins, 150 - wins, 0] : [j, i, 150 - wins, wins, 0],
            );
          }
        }
        const fit = bradleyTerry(outcomesOf(blocks, 5));
        expect(Array.from(fit.ranking)).toEqual([0, 2, 4, 1, 3]);
        truth.forEach((t, i) => {
          expect(Math.abs((fit.scores[i] as number) - t)).toBeLessThan(
            5 * (fit.standardErrors[i] as number),
          );
        });
      }),
      { numRuns: 20 },
    );
  });

  it('does not depend on which system is listed first', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: 1, max: 3 }),
            fc.constantFrom(0, 0.5, 1),
          ),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        (games) => {
          const first = Int32Array.from(games, ([a]) => a);
          const second = Int32Array.from(games, ([a, d]) => (a + d) % 4);
          const score = Float64Array.from(games, ([, , s]) => s);
          const fit = bradleyTerry({ numSystems: 4, first, second, score });
          const flipped = bradleyTerry({
            numSystems: 4,
            first: second,
            second: first,
            score: score.map((s) => 1 - s),
          });
          expectClose(flipped.scores, Array.from(fit.scores), 8);
          expectClose(flipped.standardErrors, Array.from(fit.standardErrors), 8);
        },
      ),
      { numRuns: 50 },
    );
  });
});
