import type { Rng } from '../rng.js';
import { pickCenters } from './pick-centers.js';
import { distancesToRow, rowCount, type PoolEmbeddings } from './pool-data.js';

/**
 * Cold start: `count` items spread over the feature space by k-means++ seeding (the first
 * uniformly, each next one with probability ∝ squared distance to the nearest pick), for the
 * first batch, when no model exists to be uncertain with. Unlike a uniform draw it does not
 * spend the first labels on the densest region only; unlike farthest-first it does not chase
 * outliers.
 * @example diverseSample({ embeddings, count: 50, rng: createRng(1) })
 * Complexity: O(count × n × d) time, O(n) memory.
 */
export function diverseSample(options: {
  readonly embeddings: PoolEmbeddings;
  readonly count: number;
  readonly rng: Rng;
  readonly excluded?: Uint8Array;
}): Int32Array {
  const { embeddings } = options;
  return pickCenters({
    size: rowCount(embeddings.values, embeddings.dimension),
    count: options.count,
    rule: 'k-means++',
    rng: options.rng,
    updateDistances: (center, out) => distancesToRow(embeddings, center, out, true),
    ...(options.excluded ? { excluded: options.excluded } : {}),
  }).picks;
}
