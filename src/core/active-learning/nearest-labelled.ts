import { rowCount, squaredDistance, type PoolEmbeddings } from './pool-data.js';

/** The k nearest labelled items of every pool item, kept up to date as items get labelled. */
export interface NearestLabelled {
  readonly k: number;
  /** `n × k` item indices, nearest first; -1 where fewer than k items are labelled. */
  readonly neighbours: Int32Array;
  /** `n × k` squared distances matching `neighbours` (+∞ for -1). */
  readonly distances: Float64Array;
  /** Adds newly labelled items (each at most once over the object's life). */
  add(items: ArrayLike<number>): void;
}

/**
 * A brute-force k-nearest-labelled-neighbour table. An item is never its own neighbour. Adding
 * items costs O(n × added × (d + k)), so over a whole active-learning run the total is
 * O(n × labelled × d): no index structure beats that on a few hundred dense dimensions.
 * @example const nn = createNearestLabelled(embeddings, 10); nn.add(initialPicks); nn.neighbours
 * Complexity: as above; memory O(n × k).
 */
export function createNearestLabelled(embeddings: PoolEmbeddings, k: number): NearestLabelled {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be ≥ 1, got ${k}`);
  const { values, dimension: d } = embeddings;
  const n = rowCount(values, d);
  const neighbours = new Int32Array(n * k).fill(-1);
  const distances = new Float64Array(n * k).fill(Infinity);
  const add = (items: ArrayLike<number>): void => {
    for (let a = 0; a < items.length; a++) {
      const c = items[a] as number;
      const co = c * d;
      for (let i = 0, io = 0; i < n; i++, io += d) {
        if (i === c) continue;
        const base = i * k;
        const worst = distances[base + k - 1] as number;
        // Blocks of 32 dimensions, giving up as soon as the partial sum passes the k-th best.
        let sum = 0;
        for (let j = 0; j < d && sum < worst; j += 32) {
          sum += squaredDistance(values, io + j, co + j, Math.min(32, d - j));
        }
        if (sum >= worst) continue;
        // Insertion into the sorted row: shift the farther ones right by one.
        let at = base + k - 1;
        while (at > base && (distances[at - 1] as number) > sum) {
          distances[at] = distances[at - 1] as number;
          neighbours[at] = neighbours[at - 1] as number;
          at--;
        }
        distances[at] = sum;
        neighbours[at] = c;
      }
    }
  };
  return { k, neighbours, distances, add };
}
