import { ratingTableItems, type RatingTable } from './rating-table.js';

/**
 * Which middle level a median takes when an even number of ratings splits between two levels:
 * the lower (default) or the higher one.
 * @example medianRatings(table, { ties: 'high' })
 */
export type MedianTies = 'low' | 'high';

/**
 * Options of `medianRatings`.
 * @example medianRatings(table, { ties: 'low' })
 */
export interface MedianRatingsOptions {
  readonly ties?: MedianTies;
}

/**
 * Each item's median rating over the raters who rated it: with n ratings sorted, the
 * ⌈n/2⌉-th (ties 'low', the default) or the (⌊n/2⌋ + 1)-th (ties 'high'); both are the same
 * level when n is odd. A median is always a level of the scale, never a midpoint. −1 for an
 * item nobody rated.
 * @example
 * const table = { numLevels: 5, numRaters: 4, ratings: Int32Array.of(0, 1, 3, 4, 2, 2, -1, 4) };
 * medianRatings(table); // Int32Array [1, 2]
 * Complexity: O(items × (raters + K)) by counting levels.
 */
export function medianRatings(table: RatingTable, options: MedianRatingsOptions = {}): Int32Array {
  const numItems = ratingTableItems(table);
  const { numLevels: K, numRaters: R, ratings } = table;
  const high = (options.ties ?? 'low') === 'high';
  const counts = new Int32Array(K);
  const medians = new Int32Array(numItems);
  for (let i = 0; i < numItems; i++) {
    counts.fill(0);
    let n = 0;
    for (let r = 0; r < R; r++) {
      const level = ratings[i * R + r] as number;
      if (level < 0) continue;
      counts[level]! += 1;
      n++;
    }
    if (n === 0) {
      medians[i] = -1;
      continue;
    }
    const rank = high ? Math.floor(n / 2) + 1 : Math.ceil(n / 2);
    let seen = 0;
    let level = 0;
    while (seen + (counts[level] as number) < rank) seen += counts[level++] as number;
    medians[i] = level;
  }
  return medians;
}
