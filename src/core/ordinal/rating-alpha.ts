import { krippendorffAlpha, type MeasurementLevel } from '../agreement/krippendorff-alpha.js';
import { ratingVoteMatrix, type RatingTable } from './rating-table.js';

/**
 * Options of `ratingAlpha`: the level of measurement and, for 'interval', the number each level
 * stands for.
 * @example ratingAlpha(table, { level: 'interval', values: Float64Array.of(1, 2, 3, 4, 5) })
 */
export interface RatingAlphaOptions {
  /** Default 'ordinal'. */
  readonly level?: MeasurementLevel;
  /** Interval only: one number per level (default: the level index). */
  readonly values?: Float64Array;
}

/**
 * Krippendorff's α of a {@link RatingTable} (items × raters, missing ratings allowed). Ordinal α
 * compares levels only by their order and how often each is used; interval α by the squared
 * difference of their values. Items with fewer than 2 ratings drop out. NaN when fewer than 2
 * pairable ratings or a single level was ever used.
 * @example
 * const table = { numLevels: 3, numRaters: 2, ratings: Int32Array.of(0, 0, 1, 2, 2, 2) };
 * ratingAlpha(table); // ordinal α
 * Complexity: O(items × raters + K²) (ordinal: O(items × raters + K³)).
 */
export function ratingAlpha(table: RatingTable, options: RatingAlphaOptions = {}): number {
  const level = options.level ?? 'ordinal';
  return krippendorffAlpha(
    ratingVoteMatrix(table),
    options.values ? { level, values: options.values } : { level },
  );
}
