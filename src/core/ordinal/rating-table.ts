import { HiloError } from '../errors.js';
import { createVoteMatrix, type VoteMatrix } from '../aggregation/vote-matrix.js';

/**
 * Ratings of items by raters on an ordered scale of `numLevels` levels (indices 0..K−1, lowest
 * first). `ratings` is items × raters, row-major: `ratings[i * numRaters + r]` is rater r's level
 * for item i, or −1 when r did not rate i.
 * @example const table: RatingTable = { numLevels: 5, numRaters: 2, ratings: Int32Array.of(0, 1, 4, -1) };
 */
export interface RatingTable {
  readonly numLevels: number;
  readonly numRaters: number;
  readonly ratings: Int32Array;
}

/**
 * Checks a {@link RatingTable} (K ≥ 2, whole rows, levels in 0..K−1 or −1) and returns its
 * number of items.
 * @example ratingTableItems({ numLevels: 3, numRaters: 2, ratings: Int32Array.of(0, 2, 1, -1) }); // 2
 * Complexity: O(items × raters).
 */
export function ratingTableItems(table: RatingTable): number {
  const { numLevels: K, numRaters: R, ratings } = table;
  if (!Number.isInteger(K) || K < 2) invalid(`numLevels must be an integer ≥ 2, got ${K}`);
  if (!Number.isInteger(R) || R < 1) invalid(`numRaters must be an integer ≥ 1, got ${R}`);
  if (ratings.length % R !== 0) invalid(`${ratings.length} ratings do not fill rows of ${R}`);
  for (let v = 0; v < ratings.length; v++) {
    const level = ratings[v] as number;
    if (level < -1 || level >= K) invalid(`rating ${level} at ${v} is outside 0..${K - 1}`);
  }
  return ratings.length / R;
}

/**
 * The ratings of a {@link RatingTable} as a vote matrix (items × raters → votes, missing ones
 * left out), for the agreement and aggregation code that works on votes.
 * @example ratingVoteMatrix({ numLevels: 3, numRaters: 2, ratings: Int32Array.of(0, 2, 1, -1) }).numVotes; // 3
 * Complexity: O(items × raters).
 */
export function ratingVoteMatrix(table: RatingTable): VoteMatrix {
  const numItems = ratingTableItems(table);
  const R = table.numRaters;
  const item: number[] = [];
  const annotator: number[] = [];
  const label: number[] = [];
  for (let v = 0; v < table.ratings.length; v++) {
    const level = table.ratings[v] as number;
    if (level < 0) continue;
    item.push(Math.floor(v / R));
    annotator.push(v % R);
    label.push(level);
  }
  return createVoteMatrix({
    numClasses: table.numLevels,
    numItems,
    numAnnotators: R,
    item: Int32Array.from(item),
    annotator: Int32Array.from(annotator),
    label: Int32Array.from(label),
  });
}

function invalid(message: string): never {
  throw new HiloError('INVALID_INPUT', message);
}
