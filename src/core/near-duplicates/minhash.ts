import type { Rng } from '../rng.js';
import { mix32 } from './shingles.js';

/** The seeds of a MinHash of `bins` values: one permutation, its bins, and the densification. */
export interface MinHasher {
  readonly bins: number;
  readonly seed: number;
  /** The seed of the sequence of bins an empty bin borrows from. */
  readonly borrowSeed: number;
}

/**
 * Draws the seeds of a MinHash with `bins` values from a seeded generator, so signatures are
 * reproducible.
 * @example const hasher = minHasher(128, createRng(1))
 * Complexity: O(1).
 */
export function minHasher(bins: number, rng: Rng): MinHasher {
  return {
    bins,
    seed: Math.floor(rng.next() * 0x100000000) >>> 0,
    borrowSeed: Math.floor(rng.next() * 0x100000000) >>> 0,
  };
}

/** Marks a bin no shingle fell in. */
const EMPTY = 0xffffffff;
/** An empty bin gives up borrowing after this many tries (then it keeps EMPTY). */
const MAX_BORROWS = 1 << 16;

/**
 * MinHash signatures of shingle sets, `hasher.bins` values per set in one flat array, by one
 * permutation hashing with optimal densification (Shrivastava 2017): each shingle is hashed once,
 * falls in one of the bins, and each bin keeps its least hash; an empty bin takes the value of
 * the first non-empty bin in a sequence fixed by the bin's index (the same for every set). Two
 * sets agree on a bin with probability equal to their Jaccard similarity, as with one hash
 * function per value, at the cost of one hash per shingle instead of one per shingle and value.
 * An empty set's values are all 0xFFFFFFFF.
 * @example const signatures = minHashSignatures([shingleSet('abcdef', 3, 'char')], hasher)
 * Complexity: O(total shingles + sets × bins × bins / filled bins) time, O(sets × bins) memory.
 */
export function minHashSignatures(sets: readonly Uint32Array[], hasher: MinHasher): Uint32Array {
  const k = hasher.bins;
  const out = new Uint32Array(sets.length * k).fill(EMPTY);
  const filled = new Uint8Array(k);
  for (let s = 0; s < sets.length; s++) {
    const set = sets[s] as Uint32Array;
    if (set.length === 0) continue;
    const row = s * k;
    filled.fill(0);
    for (let e = 0; e < set.length; e++) {
      const h = mix32((set[e] as number) ^ hasher.seed);
      const bin = Math.floor((h / 0x100000000) * k);
      // The value within the bin: an independent hash, so bins do not share low bits.
      const value = mix32(h ^ 0x5bd1e995);
      if (filled[bin] === 0 || value < (out[row + bin] as number)) {
        out[row + bin] = value;
        filled[bin] = 1;
      }
    }
    for (let bin = 0; bin < k; bin++) {
      if (filled[bin] === 1) continue;
      for (let attempt = 1; attempt <= MAX_BORROWS; attempt++) {
        const from = mix32(Math.imul(bin + 1, 0x9e3779b1) ^ hasher.borrowSeed ^ attempt) % k;
        if (filled[from] === 1) {
          out[row + bin] = out[row + from] as number;
          break;
        }
      }
    }
  }
  return out;
}

/**
 * The share of values on which two signatures agree: the MinHash estimate of the Jaccard
 * similarity of their sets, with standard error about √(J(1−J)/bins).
 * @example estimateJaccard(signatures, 0, 1, 128)
 * Complexity: O(bins).
 */
export function estimateJaccard(
  signatures: Uint32Array,
  first: number,
  second: number,
  bins: number,
): number {
  let same = 0;
  for (let i = 0; i < bins; i++) {
    if (signatures[first * bins + i] === signatures[second * bins + i]) same++;
  }
  return same / bins;
}
