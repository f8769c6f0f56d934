import type { Rng } from '../rng.js';
import { mix32 } from './shingles.js';

/** The hash functions of a MinHash: `h_i(x) = a_i · mix32(x) + b_i mod 2^32`, a_i odd. */
export interface MinHasher {
  readonly a: Uint32Array;
  readonly b: Uint32Array;
}

/**
 * Draws `count` hash functions from a seeded generator, so signatures are reproducible.
 * @example const hasher = minHasher(128, createRng(1))
 * Complexity: O(count).
 */
export function minHasher(count: number, rng: Rng): MinHasher {
  const a = new Uint32Array(count);
  const b = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    a[i] = (Math.floor(rng.next() * 0x100000000) | 1) >>> 0;
    b[i] = Math.floor(rng.next() * 0x100000000) >>> 0;
  }
  return { a, b };
}

/**
 * MinHash signatures of shingle sets, one row of `hasher.a.length` values per set in one flat
 * array: for each hash function the least hash over the set. Two sets agree on one value with
 * probability equal to their Jaccard similarity; an empty set's row is all 0xFFFFFFFF.
 * @example const signatures = minHashSignatures([shingleSet('abcdef', 3, 'char')], hasher)
 * Complexity: O(total shingles × hashes) time, O(sets × hashes) memory.
 */
export function minHashSignatures(sets: readonly Uint32Array[], hasher: MinHasher): Uint32Array {
  const k = hasher.a.length;
  const out = new Uint32Array(sets.length * k).fill(0xffffffff);
  const { a, b } = hasher;
  for (let s = 0; s < sets.length; s++) {
    const set = sets[s] as Uint32Array;
    const row = s * k;
    for (let e = 0; e < set.length; e++) {
      const y = mix32(set[e] as number);
      for (let i = 0; i < k; i++) {
        const h = (Math.imul(y, a[i] as number) + (b[i] as number)) >>> 0;
        if (h < (out[row + i] as number)) out[row + i] = h;
      }
    }
  }
  return out;
}

/**
 * The share of hash functions on which two signatures agree: the MinHash estimate of the Jaccard
 * similarity of their sets, with standard error √(J(1−J)/hashes).
 * @example estimateJaccard(signatures, 0, 1, 128)
 * Complexity: O(hashes).
 */
export function estimateJaccard(
  signatures: Uint32Array,
  first: number,
  second: number,
  hashes: number,
): number {
  let same = 0;
  for (let i = 0; i < hashes; i++) {
    if (signatures[first * hashes + i] === signatures[second * hashes + i]) same++;
  }
  return same / hashes;
}
