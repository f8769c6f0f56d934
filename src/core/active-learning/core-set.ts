import type { Rng } from '../rng.js';
import { pickCenters } from './pick-centers.js';
import { distancesToRow, rowCount, type PoolEmbeddings } from './pool-data.js';

/**
 * Options of `coreSet`: the pool's embeddings, the batch size, the generator, the labelled items,
 * and distances kept from the previous round.
 * @example coreSet({ embeddings, count: 25, rng: createRng(1), labelled })
 */
export interface CoreSetOptions {
  readonly embeddings: PoolEmbeddings;
  readonly count: number;
  readonly rng: Rng;
  /** 1 for labelled items: they are the fixed centers and are never picked. */
  readonly labelled: Uint8Array;
  /**
   * Squared distance of every item to its nearest labelled item, as returned by the previous
   * call (plus `labelledDistances` for items labelled since); computed from `labelled` when
   * absent. Passing it makes a round cost O(count × n × d) instead of O(labelled × n × d).
   */
  readonly distances?: Float64Array;
}

/**
 * The picked items, and every item's distance to the labelled set with them added (pass it to the
 * next round).
 * @example const { picks, distances } = coreSet({ embeddings, count: 25, rng, labelled })
 */
export interface CoreSetResult {
  readonly picks: Int32Array;
  /** Squared distance of every item to the nearest labelled item or pick. */
  readonly distances: Float64Array;
}

/**
 * Core-set selection (Sener & Savarese, ICLR 2018) by greedy k-center: each pick is the item
 * farthest from everything labelled or picked so far, so the batch covers the parts of the
 * feature space the labelled set leaves empty. It ignores the model's predictions.
 * @example coreSet({ embeddings, count: 25, rng, labelled }).picks
 * Complexity: O((labelled + count) × n × d) without `distances`, O(count × n × d) with them.
 */
export function coreSet(options: CoreSetOptions): CoreSetResult {
  const { embeddings, labelled } = options;
  const n = rowCount(embeddings.values, embeddings.dimension);
  const distances = options.distances ?? labelledDistances(embeddings, labelled);
  if (distances.length !== n) throw new RangeError('distances must have one value per item');
  return pickCenters({
    size: n,
    count: options.count,
    rule: 'k-center',
    rng: options.rng,
    updateDistances: (center, out) => distancesToRow(embeddings, center, out, true),
    excluded: labelled,
    initial: distances,
  });
}

/**
 * Squared distance of every item to its nearest item in `from` (1 = member); +∞ when `from` is
 * empty. Also folds newly labelled items into distances kept from a previous round when given
 * `into`. Complexity: O(|from| × n × d).
 */
export function labelledDistances(
  embeddings: PoolEmbeddings,
  from: Uint8Array,
  into?: Float64Array,
): Float64Array {
  const out = into ?? new Float64Array(from.length).fill(Infinity);
  for (let c = 0; c < from.length; c++) if (from[c] === 1) distancesToRow(embeddings, c, out, true);
  return out;
}
