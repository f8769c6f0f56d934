import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { ratingAlpha } from './rating-alpha.js';
import { ratingErrors } from './rating-errors.js';
import { ratingKappa } from './rating-kappa.js';
import { ratingTableItems, ratingVoteMatrix, type RatingTable } from './rating-table.js';

/** Coders × units with values 1..K (null = missing) → a RatingTable of items × raters. */
function fromCoders(rows: (number | null)[][], numLevels: number): RatingTable {
  const numRaters = rows.length;
  const units = (rows[0] as unknown[]).length;
  const ratings = new Int32Array(units * numRaters);
  rows.forEach((row, r) =>
    row.forEach((value, u) => (ratings[u * numRaters + r] = value === null ? -1 : value - 1)),
  );
  return { numLevels, numRaters, ratings };
}

const _ = null;
// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", 4 coders × 12 units.
const krippendorff2011 = fromCoders(
  [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ],
  5,
);

const pairedRatings = fc.integer({ min: 2, max: 7 }).chain((K) =>
  fc
    .array(fc.tuple(fc.nat(K - 1), fc.nat(K - 1)), { minLength: 1, maxLength: 40 })
    .map((pairs) => ({
      K,
      a: Int32Array.from(pairs.map(([x]) => x)),
      b: Int32Array.from(pairs.map(([, y]) => y)),
    })),
);

describe('ratingErrors', () => {
  it('gives MAE 0.5 and RMSE √0.5 on a 14-item example', () => {
    // numpy: mean(|a − b|) = 0.5, sqrt(mean((a − b)²)) = 0.7071067811865476
    const a = [0, 1, 2, 3, 4, 2, 1, 0, 3, 4, 2, 2, 1, 3];
    const b = [0, 2, 2, 3, 3, 1, 1, 1, 4, 4, 2, 3, 0, 3];
    const errors = ratingErrors(a, b);
    expect(errors.mae).toBeCloseTo(0.5, 12);
    expect(errors.rmse).toBeCloseTo(0.7071067811865476, 12);
    expect(errors.count).toBe(14);
  });

  it('skips items missing on either side, takes fractional values, and is NaN with no pair', () => {
    // numpy on the 3 paired items [0, 1, 2] vs [0, 3, 2]: MAE 0.6667, RMSE 1.1547005383792515
    const errors = ratingErrors(Int32Array.of(0, 1, 2, -1), Int32Array.of(0, 3, 2, 1));
    expect(errors).toMatchObject({ count: 3 });
    expect(errors.mae).toBeCloseTo(2 / 3, 12);
    expect(errors.rmse).toBeCloseTo(1.1547005383792515, 12);
    expect(ratingErrors([1.5, Number.NaN], [2, 3]).mae).toBeCloseTo(0.5, 12);
    expect(ratingErrors([-1], [2]).mae).toBeNaN();
    expect(() => ratingErrors([1, 2], [1])).toThrow(HiloError);
  });

  it('is symmetric, with MAE ≤ RMSE ≤ the largest gap', () => {
    fc.assert(
      fc.property(pairedRatings, ({ K, a, b }) => {
        const ab = ratingErrors(a, b);
        expect(ratingErrors(b, a)).toEqual(ab);
        expect(ab.mae).toBeLessThanOrEqual(ab.rmse + 1e-12);
        expect(ab.rmse).toBeLessThanOrEqual(K - 1);
      }),
    );
  });
});

describe('ratingKappa', () => {
  it('matches weighted κ computed in numpy on two 5-level raters', () => {
    // numpy, 1 − Σ w·observed / Σ w·expected over the 5 × 5 table: linear 0.65,
    // quadratic 0.8444444444444444 (also 1 − Σ(a−b)² / (Σ_ij (a_i − b_j)² / n)).
    const a = Int32Array.of(0, 1, 2, 3, 4, 2, 1, 0, 3, 4, 2, 2, 1, 3);
    const b = Int32Array.of(0, 2, 2, 3, 3, 1, 1, 1, 4, 4, 2, 3, 0, 3);
    expect(ratingKappa(a, b, { numLevels: 5 })).toBeCloseTo(0.8444444444444444, 12);
    expect(ratingKappa(a, b, { numLevels: 5, weights: 'linear' })).toBeCloseTo(0.65, 12);
  });

  it('matches numpy on a second pair, and skips missing ratings', () => {
    // numpy: linear 0.6575342465753425, quadratic 0.8520710059171598
    const a = Int32Array.of(4, 3, 3, 2, 0, 1, 4, 2, 3, 1, -1, 2);
    const b = Int32Array.of(3, 3, 4, 2, 1, 1, 4, 1, 3, 0, 2, -1);
    expect(ratingKappa(a, b, { numLevels: 5 })).toBeCloseTo(0.8520710059171598, 12);
    expect(ratingKappa(a, b, { numLevels: 5, weights: 'linear' })).toBeCloseTo(
      0.6575342465753425,
      12,
    );
  });

  it('equals 1 − Σ(a−b)² / (Σ_ij (a_i − b_j)² / n) for quadratic weights', () => {
    fc.assert(
      fc.property(pairedRatings, ({ K, a, b }) => {
        const n = a.length;
        let observed = 0;
        let expected = 0;
        for (let i = 0; i < n; i++) {
          observed += ((a[i] as number) - (b[i] as number)) ** 2;
          for (let j = 0; j < n; j++) expected += ((a[i] as number) - (b[j] as number)) ** 2 / n;
        }
        const kappa = ratingKappa(a, b, { numLevels: K });
        if (expected === 0) expect(kappa).toBeNaN();
        else expect(kappa).toBeCloseTo(1 - observed / expected, 9);
      }),
    );
  });
});

describe('ratingAlpha', () => {
  it("gives Krippendorff's (2011) ordinal 0.815 and interval 0.849 (nominal 0.743)", () => {
    // numpy re-computation of the coincidence matrix: nominal 0.743421052631579,
    // ordinal 0.8153875037548813, interval 0.8491071428571428.
    expect(ratingAlpha(krippendorff2011)).toBeCloseTo(0.8153875037548813, 12);
    expect(ratingAlpha(krippendorff2011, { level: 'interval' })).toBeCloseTo(
      0.8491071428571428,
      12,
    );
    expect(ratingAlpha(krippendorff2011, { level: 'nominal' })).toBeCloseTo(0.743421052631579, 12);
  });

  it('uses the values the levels stand for at the interval level only', () => {
    // numpy, the same data with value 5 replaced by 10: interval 0.957829070492826.
    const values = Float64Array.of(1, 2, 3, 4, 10);
    expect(ratingAlpha(krippendorff2011, { level: 'interval', values })).toBeCloseTo(
      0.957829070492826,
      12,
    );
    expect(ratingAlpha(krippendorff2011, { values })).toBeCloseTo(0.8153875037548813, 12);
  });

  it('ordinal α ignores unused levels; interval α ignores affine changes of the values', () => {
    const tables = fc.integer({ min: 2, max: 5 }).chain((K) =>
      fc
        .array(fc.integer({ min: -1, max: K - 1 }), { minLength: 3 * 2, maxLength: 3 * 12 })
        .map((cells) => ({
          K,
          ratings: Int32Array.from(cells.slice(0, 3 * Math.floor(cells.length / 3))),
        })),
    );
    fc.assert(
      fc.property(tables, ({ K, ratings }) => {
        const table = { numLevels: K, numRaters: 3, ratings };
        const spread = {
          ...table,
          numLevels: 2 * K,
          ratings: ratings.map((v) => (v < 0 ? v : 2 * v)),
        };
        const ordinal = ratingAlpha(table);
        if (Number.isNaN(ordinal)) expect(ratingAlpha(spread)).toBeNaN();
        else expect(ratingAlpha(spread)).toBeCloseTo(ordinal, 9);
        const values = Float64Array.from({ length: K }, (_, k) => 3 * k - 7);
        const interval = ratingAlpha(table, { level: 'interval' });
        if (!Number.isNaN(interval)) {
          expect(ratingAlpha(table, { level: 'interval', values })).toBeCloseTo(interval, 9);
        }
      }),
    );
  });
});

describe('ratingVoteMatrix', () => {
  it('turns items × raters into votes, leaving missing ratings out', () => {
    const matrix = ratingVoteMatrix({
      numLevels: 3,
      numRaters: 2,
      ratings: Int32Array.of(0, 2, -1, 1),
    });
    expect(matrix.numItems).toBe(2);
    expect(Array.from(matrix.item)).toEqual([0, 0, 1]);
    expect(Array.from(matrix.annotator)).toEqual([0, 1, 1]);
    expect(Array.from(matrix.label)).toEqual([0, 2, 1]);
  });

  it('rejects levels off the scale and rows that are not whole', () => {
    const bad =
      (ratings: Int32Array, numLevels = 3) =>
      () =>
        ratingTableItems({ numLevels, numRaters: 2, ratings });
    expect(bad(Int32Array.of(0, 3))).toThrow(HiloError);
    expect(bad(Int32Array.of(0, -2))).toThrow(/outside 0..2/);
    expect(bad(Int32Array.of(0, 1, 2))).toThrow(/rows of 2/);
    expect(bad(Int32Array.of(0, 0), 1)).toThrow(/numLevels/);
  });
});
