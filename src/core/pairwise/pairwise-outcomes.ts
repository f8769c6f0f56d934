import { HiloError } from '../errors.js';

/**
 * Comparisons between `numSystems` systems: comparison c opposed `first[c]` to `second[c]`,
 * and `score[c]` is the share `first[c]` won: 1 a win, 0 a loss, 0.5 a tie (a tie counts half a
 * win to each side). Any value in [0, 1] is allowed, e.g. a judge's probability.
 * @example const outcomes: PairwiseOutcomes = { numSystems: 2, first: Int32Array.of(0), second: Int32Array.of(1), score: Float64Array.of(1) };
 */
export interface PairwiseOutcomes {
  readonly numSystems: number;
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly score: Float64Array;
}

/**
 * The comparisons tallied by pair: `wins[i * m + j]` is what system i won against j (ties
 * halved) and `games[i * m + j]` (symmetric) how often they met. Validates the outcomes.
 * @example pairwiseTally({ numSystems: 2, first: Int32Array.of(0, 1), second: Int32Array.of(1, 0), score: Float64Array.of(1, 0.5) }).wins; // [0, 1.5, 0.5, 0]
 * Complexity: O(comparisons + m²).
 */
export function pairwiseTally(outcomes: PairwiseOutcomes): {
  wins: Float64Array;
  games: Float64Array;
} {
  const { numSystems: m, first, second, score } = outcomes;
  if (!Number.isInteger(m) || m < 2) {
    throw new HiloError('INVALID_INPUT', 'need at least 2 systems');
  }
  if (second.length !== first.length || score.length !== first.length) {
    throw new HiloError('INVALID_INPUT', 'first, second and score need the same length');
  }
  const wins = new Float64Array(m * m);
  const games = new Float64Array(m * m);
  for (let c = 0; c < first.length; c++) {
    const i = first[c] as number;
    const j = second[c] as number;
    const s = score[c] as number;
    if (i < 0 || i >= m || j < 0 || j >= m || i === j) {
      throw new HiloError('INVALID_INPUT', `comparison ${c} opposes systems ${i} and ${j}`);
    }
    if (!(s >= 0 && s <= 1)) {
      throw new HiloError('INVALID_INPUT', `comparison ${c} has score ${s}, outside [0, 1]`);
    }
    wins[i * m + j]! += s;
    wins[j * m + i]! += 1 - s;
    games[i * m + j]! += 1;
    games[j * m + i]! += 1;
  }
  return { wins, games };
}
