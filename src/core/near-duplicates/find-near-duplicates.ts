import { createRng } from '../rng.js';
import { candidatePairs } from './candidate-pairs.js';
import { lshBanding, type Banding } from './lsh-bands.js';
import { minHashSignatures, minHasher } from './minhash.js';
import { jaccard, normalizeForDedup, shingleSet, type ShingleUnit } from './shingles.js';
import { UnionFind } from './union-find.js';

export interface NearDuplicateOptions {
  /** Jaccard similarity of shingle sets at or above which two texts are near duplicates. */
  readonly threshold: number;
  /** Shingle length, in characters or words. */
  readonly shingle: number;
  readonly unit: ShingleUnit;
  /** MinHash functions per text; more find more of the pairs near the threshold, slower. */
  readonly hashes: number;
  readonly seed: number;
  /** Pairs between the threshold minus this margin and the threshold are kept as near misses. */
  readonly nearMissMargin?: number;
}

/** Two texts (by index) and the exact Jaccard similarity of their shingle sets. */
export interface SimilarPair {
  readonly first: number;
  readonly second: number;
  readonly similarity: number;
}

export interface NearDuplicates {
  /** Cluster of each text: the index of one of its members (a text alone is its own cluster). */
  readonly clusterOf: Int32Array;
  /** Pairs with equal normalised text (every member to the first of its group). */
  readonly exactPairs: number;
  /** Verified pairs at or above the threshold between texts of different normalised text. */
  readonly nearPairs: readonly SimilarPair[];
  /** Verified candidate pairs below the threshold but within the margin: what a lower one adds. */
  readonly nearMisses: readonly SimilarPair[];
  readonly banding: Banding;
  /** Candidate pairs LSH proposed and the exact check verified. */
  readonly candidates: number;
}

/**
 * Finds exact and near duplicates among texts. Exact: equal `normalizeForDedup` text (a hash
 * map). Near: one text of each exact group is shingled, MinHashed (seeded) and banded for LSH
 * with the banding `lshBanding` picks for the threshold; every candidate pair is verified by the
 * exact Jaccard similarity of the shingle sets, so no pair below the threshold is ever joined
 * (a pair above it is missed with the probability the banding leaves, tiny well above the
 * threshold). Duplicates are joined into clusters with union-find, so clusters are transitive.
 * @example findNearDuplicates(texts, { threshold: 0.8, shingle: 5, unit: 'char', hashes: 128, seed: 1 })
 * Complexity: O(total length × (shingle + hashes)) plus O(candidates × shingles per text).
 */
export function findNearDuplicates(
  texts: readonly string[],
  options: NearDuplicateOptions,
): NearDuplicates {
  const n = texts.length;
  const sets = new UnionFind(n);
  const firstOf = new Map<string, number>();
  const distinct: number[] = [];
  const normalized: string[] = new Array<string>(n);
  let exactPairs = 0;
  for (let i = 0; i < n; i++) {
    const key = normalizeForDedup(texts[i] as string);
    normalized[i] = key;
    const first = firstOf.get(key);
    if (first === undefined) {
      firstOf.set(key, i);
      distinct.push(i);
    } else {
      sets.union(first, i);
      exactPairs++;
    }
  }
  const shingles = distinct.map((i) =>
    shingleSet(normalized[i] as string, options.shingle, options.unit),
  );
  const hasher = minHasher(options.hashes, createRng(options.seed));
  const signatures = minHashSignatures(shingles, hasher);
  const banding = lshBanding(options.threshold, options.hashes);
  const pairs = candidatePairs(signatures, distinct.length, options.hashes, banding);
  const margin = options.nearMissMargin ?? 0.1;
  const nearPairs: SimilarPair[] = [];
  const nearMisses: SimilarPair[] = [];
  for (let p = 0; p < pairs.length; p += 2) {
    const x = pairs[p] as number;
    const y = pairs[p + 1] as number;
    const a = shingles[x] as Uint32Array;
    const b = shingles[y] as Uint32Array;
    if (a.length === 0 || b.length === 0) continue;
    const similarity = jaccard(a, b);
    const pair = { first: distinct[x] as number, second: distinct[y] as number, similarity };
    if (similarity >= options.threshold) {
      nearPairs.push(pair);
      sets.union(pair.first, pair.second);
    } else if (similarity >= options.threshold - margin) nearMisses.push(pair);
  }
  const clusterOf = new Int32Array(n);
  for (let i = 0; i < n; i++) clusterOf[i] = sets.find(i);
  return { clusterOf, exactPairs, nearPairs, nearMisses, banding, candidates: pairs.length / 2 };
}
