import { HiloError } from '../errors.js';

/**
 * What asking a judge twice, with the two responses swapped, shows about its position bias.
 * @example positionBias(original, swapped).flipRate; // 0.25: a quarter of verdicts flip
 */
export interface PositionBias {
  readonly items: number;
  /** Share of items whose top verdict differs between the two orders. */
  readonly flipRate: number;
  /**
   * Share of top verdicts, over both orders, that pick the response shown first, among those
   * that are not ties (A in the original order, B in the swapped one). 0.5 for a judge without
   * position bias; NaN when every top verdict is a tie.
   */
  readonly firstPositionWinRate: number;
  /**
   * Mean over items of (P_original(A) − P_swapped(A) + P_swapped(B) − P_original(B)) / 4: the
   * probability the judge moves towards whichever response it sees first. 0 without bias.
   */
  readonly positionShift: number;
  /** Per item, the mean of the two distributions: `items × 3` over {A, B, tie}. */
  readonly combined: Float64Array;
}

/**
 * Position bias of a pairwise judge asked in both orders, and the distribution that cancels it.
 * `original` and `swapped` are `items × 3` distributions over {A, B, tie} (index 0, 1, 2), the
 * swapped one already mapped back to the original A and B. Each row is normalised to sum to 1.
 * The combined distribution is the plain average of the two: a bias that adds mass to whichever
 * response comes first adds it to A in one order and to B in the other, so it cancels; a judge
 * without bias is left unchanged. Top verdicts break exact ties by index (A, then B, then tie).
 * Throws INVALID_INPUT on mismatched shapes, negative or non-finite values, or an all-zero row.
 * @example
 * const bias = positionBias(Float64Array.of(0.7, 0.2, 0.1), Float64Array.of(0.3, 0.6, 0.1));
 * bias.flipRate; // 1
 * bias.combined; // Float64Array [0.5, 0.4, 0.1]
 * Complexity: O(items).
 */
export function positionBias(original: Float64Array, swapped: Float64Array): PositionBias {
  if (original.length % 3 !== 0 || swapped.length !== original.length) {
    throw new HiloError('INVALID_INPUT', 'both orders need items × 3 values over {A, B, tie}');
  }
  const items = original.length / 3;
  const combined = new Float64Array(original.length);
  let flips = 0;
  let firstWins = 0;
  let decisive = 0;
  let shift = 0;
  for (let i = 0; i < items; i++) {
    const [oa, ob, ot] = normalisedRow(original, i);
    const [sa, sb, st] = normalisedRow(swapped, i);
    combined[i * 3] = (oa + sa) / 2;
    combined[i * 3 + 1] = (ob + sb) / 2;
    combined[i * 3 + 2] = (ot + st) / 2;
    const topOriginal = top(oa, ob, ot);
    const topSwapped = top(sa, sb, st);
    if (topOriginal !== topSwapped) flips++;
    // Shown first: A in the original order, B in the swapped one.
    if (topOriginal !== 2) decisive++;
    if (topSwapped !== 2) decisive++;
    if (topOriginal === 0) firstWins++;
    if (topSwapped === 1) firstWins++;
    shift += (oa - sa + sb - ob) / 4;
  }
  return {
    items,
    flipRate: items > 0 ? flips / items : Number.NaN,
    firstPositionWinRate: decisive > 0 ? firstWins / decisive : Number.NaN,
    positionShift: items > 0 ? shift / items : Number.NaN,
    combined,
  };
}

function normalisedRow(values: Float64Array, i: number): [number, number, number] {
  const a = values[i * 3] as number;
  const b = values[i * 3 + 1] as number;
  const t = values[i * 3 + 2] as number;
  const sum = a + b + t;
  if (!(a >= 0 && b >= 0 && t >= 0) || !Number.isFinite(sum) || sum <= 0) {
    throw new HiloError('INVALID_INPUT', `item ${i}: [${a}, ${b}, ${t}] is not a distribution`);
  }
  return [a / sum, b / sum, t / sum];
}

function top(a: number, b: number, t: number): number {
  if (a >= b && a >= t) return 0;
  return b >= t ? 1 : 2;
}
