import type { Banding } from './lsh-bands.js';

/**
 * Pairs of rows whose signatures agree on every value of at least one band (LSH): each band's
 * values are hashed to one key, and rows with the same key in a band become candidates. The
 * pairs come out once each, as `first < second`, in a flat array [first, second, first, …].
 * @example candidatePairs(signatures, 1000, 128, { bands: 25, rows: 5 })
 * Complexity: O(rows × hashes) to bucket, plus O(Σ bucket size²) pairs.
 */
export function candidatePairs(
  signatures: Uint32Array,
  count: number,
  hashes: number,
  banding: Banding,
): Uint32Array {
  const seen = new Set<number>();
  const pairs: number[] = [];
  const keys = new Uint32Array(count);
  const order = new Uint32Array(count);
  const packed = count <= PACKABLE ? new Float64Array(count) : null;
  for (let band = 0; band < banding.bands; band++) {
    const offset = band * banding.rows;
    for (let row = 0; row < count; row++) {
      let h = 0x9e3779b9 ^ band;
      const base = row * hashes + offset;
      for (let r = 0; r < banding.rows; r++) {
        h = Math.imul(h ^ (signatures[base + r] as number), 0x01000193);
        h ^= h >>> 15;
      }
      keys[row] = h >>> 0;
      order[row] = row;
    }
    sortByKey(order, keys, packed);
    let start = 0;
    while (start < count) {
      let end = start + 1;
      const key = keys[order[start] as number];
      while (end < count && keys[order[end] as number] === key) end++;
      for (let i = start; i < end; i++) {
        for (let j = i + 1; j < end; j++) {
          const first = order[i] as number;
          const second = order[j] as number;
          const id = first * count + second;
          if (seen.has(id)) continue;
          seen.add(id);
          pairs.push(first, second);
        }
      }
      start = end;
    }
  }
  return Uint32Array.from(pairs);
}

/** Rows that fit beside a 32-bit key in the 53 bits of a double: key × 2^21 + row. */
const PACKABLE = 1 << 21;

/** Orders rows by key (then row) with a native numeric sort when they pack into doubles. */
function sortByKey(order: Uint32Array, keys: Uint32Array, packed: Float64Array | null): void {
  if (packed === null) {
    order.sort((x, y) => (keys[x] as number) - (keys[y] as number) || x - y);
    return;
  }
  for (let row = 0; row < order.length; row++) packed[row] = (keys[row] as number) * PACKABLE + row;
  packed.sort();
  for (let i = 0; i < order.length; i++) order[i] = (packed[i] as number) % PACKABLE;
}
