import { ratingAlpha, raterPairs, type RatingTable } from '../../core/ordinal/index.js';
import type { Vote } from '../../core/types.js';

/** Agreement on a rating scale, in terms that respect its order. */
export interface RatingAgreement {
  readonly kind: 'rating';
  readonly alphaOrdinal: number;
  /** Interval α with the levels at equal steps. */
  readonly alphaInterval: number;
  /** Mean |difference| in levels over every pair of ratings of the same item. */
  readonly meanAbsDifference: number;
  /** Every pair of raters sharing at least `minItems` items. */
  readonly pairs: readonly {
    readonly a: string;
    readonly b: string;
    readonly items: number;
    /** Quadratic-weighted Cohen's κ. */
    readonly kappa: number;
    readonly meanAbsDifference: number;
  }[];
}

/**
 * Krippendorff's α (ordinal and interval), quadratic-weighted κ and mean |difference| between
 * pairs of raters, and the pooled mean |difference|, from votes whose labels are the scale's
 * levels (lowest first). A rater's second rating of an item replaces the first.
 * @example ratingAgreement(votes, ['1', '2', '3', '4', '5'], { minItems: 20 }).alphaOrdinal
 * Complexity: O(items × raters²).
 */
export function ratingAgreement(
  votes: readonly Vote[],
  levels: readonly string[],
  options: { readonly minItems?: number } = {},
): RatingAgreement {
  const raters = [...new Set(votes.map((v) => v.source))];
  const raterIndex = new Map(raters.map((r, i) => [r, i]));
  const itemIndex = new Map<string, number>();
  for (const v of votes) if (!itemIndex.has(v.itemId)) itemIndex.set(v.itemId, itemIndex.size);
  const R = Math.max(1, raters.length);
  const ratings = new Int32Array(itemIndex.size * R).fill(-1);
  for (const v of votes) {
    const level = levels.indexOf(v.label ?? '');
    if (level < 0) continue;
    ratings[(itemIndex.get(v.itemId) as number) * R + (raterIndex.get(v.source) as number)] = level;
  }
  const table: RatingTable = { numLevels: Math.max(2, levels.length), numRaters: R, ratings };
  const { pairs, meanAbsDifference } = raterPairs(table, options);
  return {
    kind: 'rating',
    alphaOrdinal: ratingAlpha(table),
    alphaInterval: ratingAlpha(table, { level: 'interval' }),
    meanAbsDifference,
    pairs: pairs.map((p) => ({
      a: raters[p.a] as string,
      b: raters[p.b] as string,
      items: p.items,
      kappa: p.kappa,
      meanAbsDifference: p.meanAbsDifference,
    })),
  };
}
