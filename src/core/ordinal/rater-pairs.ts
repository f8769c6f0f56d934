import { ratingErrors } from './rating-errors.js';
import { ratingKappa } from './rating-kappa.js';
import { ratingTableItems, type RatingTable } from './rating-table.js';

/**
 * Two raters on the items both rated: how many, quadratic-weighted κ and mean |difference|.
 * @example const { a, b, kappa } = raterPairs(table).pairs[0];
 */
export interface RaterPair {
  readonly a: number;
  readonly b: number;
  readonly items: number;
  readonly kappa: number;
  /** Mean absolute difference in levels. */
  readonly meanAbsDifference: number;
}

/**
 * Every pair of raters that share at least `minItems` items, with quadratic-weighted κ and mean
 * |difference|, and the mean |difference| pooled over every pair of ratings of the same item
 * (each item weighted by its number of rating pairs). NaN pooled figure when no item has two
 * ratings.
 * @example raterPairs({ numLevels: 3, numRaters: 2, ratings: Int32Array.of(0, 1, 2, 2) }).meanAbsDifference // 0.5
 * Complexity: O(items × raters²).
 */
export function raterPairs(
  table: RatingTable,
  options: { readonly minItems?: number } = {},
): { readonly pairs: readonly RaterPair[]; readonly meanAbsDifference: number } {
  const n = ratingTableItems(table);
  const { numRaters: R, numLevels, ratings } = table;
  const minItems = options.minItems ?? 1;
  let pooled = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < R; r++) {
      const x = ratings[i * R + r] as number;
      if (x < 0) continue;
      for (let s = r + 1; s < R; s++) {
        const y = ratings[i * R + s] as number;
        if (y < 0) continue;
        pooled += Math.abs(x - y);
        count++;
      }
    }
  }
  const pairs: RaterPair[] = [];
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  for (let r = 0; r < R; r++) {
    for (let s = r + 1; s < R; s++) {
      let shared = 0;
      for (let i = 0; i < n; i++) {
        a[i] = ratings[i * R + r] as number;
        b[i] = ratings[i * R + s] as number;
        if ((a[i] as number) >= 0 && (b[i] as number) >= 0) shared++;
      }
      if (shared < minItems || shared === 0) continue;
      pairs.push({
        a: r,
        b: s,
        items: shared,
        kappa: ratingKappa(a, b, { numLevels }),
        meanAbsDifference: ratingErrors(a, b).mae,
      });
    }
  }
  return { pairs, meanAbsDifference: count > 0 ? pooled / count : Number.NaN };
}
