import { HiloError } from '../errors.js';

/**
 * How far apart two series of ratings are, over the items both have: mean absolute error,
 * root mean squared error (both in scale levels) and the number of items compared.
 * @example ratingErrors([0, 2, 4], [1, 2, 4]); // { mae: 0.333…, rmse: 0.577…, count: 3 }
 */
export interface RatingErrors {
  readonly mae: number;
  readonly rmse: number;
  readonly count: number;
}

/**
 * MAE and RMSE between two raters (or a prediction and gold) on the same items. A value is
 * missing when it is negative or NaN, and the item is then skipped; values may be fractional
 * (a posterior mean). Both errors are NaN when no item has two values.
 * @example ratingErrors(Int32Array.of(0, 1, 2, -1), Int32Array.of(0, 3, 2, 1)); // { mae: 2/3, rmse: √(4/3), count: 3 }
 * Complexity: O(items).
 */
export function ratingErrors(a: ArrayLike<number>, b: ArrayLike<number>): RatingErrors {
  if (a.length !== b.length) {
    throw new HiloError('INVALID_INPUT', `ratings need the same items: ${a.length} ≠ ${b.length}`);
  }
  let absolute = 0;
  let squared = 0;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (!(x >= 0) || !(y >= 0)) continue;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw new HiloError('INVALID_INPUT', `rating at ${i} is not finite`);
    }
    const d = Math.abs(x - y);
    absolute += d;
    squared += d * d;
    count++;
  }
  if (count === 0) return { mae: Number.NaN, rmse: Number.NaN, count };
  return { mae: absolute / count, rmse: Math.sqrt(squared / count), count };
}
