import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { findNearDuplicates } from './find-near-duplicates.js';
import { candidateProbability, lshBanding, RECALL_AT_THRESHOLD } from './lsh-bands.js';
import { estimateJaccard, minHashSignatures, minHasher } from './minhash.js';
import { jaccard, normalizeForDedup, shingleSet } from './shingles.js';
import { UnionFind } from './union-find.js';

const OPTIONS = { threshold: 0.8, shingle: 5, unit: 'char', hashes: 128, seed: 1 } as const;

const set = (...values: number[]): Uint32Array => Uint32Array.from(values).sort();

describe('shingles and Jaccard', () => {
  it('normalises case, punctuation, references and spaces', () => {
    expect(normalizeForDedup(' Hi,&nbsp;THERE!  You ')).toBe('hi there you');
  });

  it('counts shared shingles over all shingles', () => {
    expect(jaccard(set(1, 2, 3), set(2, 3, 4))).toBe(0.5);
    expect(jaccard(set(), set())).toBe(1);
    expect(shingleSet('abcd', 3, 'char')).toHaveLength(2);
    expect(shingleSet('ab', 3, 'char')).toHaveLength(1);
    expect(shingleSet('a b c a b', 2, 'word')).toHaveLength(3);
    // The rolling hash gives a run the same hash wherever it stands: abc bcd cde def efa fab.
    expect(shingleSet('abcdefabcdef', 3, 'char')).toHaveLength(6);
    expect(jaccard(shingleSet('xxabcd', 3, 'char'), shingleSet('abcdyy', 3, 'char'))).toBe(2 / 6);
  });
});

describe('MinHash', () => {
  it('estimates Jaccard with an error that shrinks as hashes grow', () => {
    const rng = createRng(3);
    const pairs = Array.from({ length: 60 }, () => {
      const a = new Set<number>();
      const b = new Set<number>();
      for (let i = 0; i < 200; i++) {
        const value = rng.int(400);
        if (rng.next() < 0.8) a.add(value);
        if (rng.next() < 0.8) b.add(value);
      }
      return [Uint32Array.from(a).sort(), Uint32Array.from(b).sort()] as const;
    });
    const meanError = (hashes: number): number => {
      const signatures = minHashSignatures(pairs.flat(), minHasher(hashes, createRng(9)));
      let total = 0;
      pairs.forEach(([a, b], p) => {
        total += Math.abs(estimateJaccard(signatures, 2 * p, 2 * p + 1, hashes) - jaccard(a, b));
      });
      return total / pairs.length;
    };
    const [e16, e64, e256] = [meanError(16), meanError(64), meanError(256)];
    expect(e64).toBeLessThan(e16);
    expect(e256).toBeLessThan(e64);
    // Standard error √(J(1−J)/k) ≤ 0.5/√256 ≈ 0.03.
    expect(e256).toBeLessThan(0.035);
  });

  it('gives identical sets identical signatures, and is reproducible from the seed', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 50 }), (values) => {
        const a = Uint32Array.from(values).sort();
        const one = minHashSignatures([a, a.slice()], minHasher(32, createRng(5)));
        const two = minHashSignatures([a], minHasher(32, createRng(5)));
        expect(estimateJaccard(one, 0, 1, 32)).toBe(1);
        expect([...two]).toEqual([...one.subarray(0, 32)]);
      }),
    );
  });
});

describe('lshBanding', () => {
  it.each([0.5, 0.7, 0.8, 0.9])('makes a pair at %s a candidate almost always', (threshold) => {
    const banding = lshBanding(threshold, 128);
    expect(banding.bands * banding.rows).toBeLessThanOrEqual(128);
    expect(candidateProbability(threshold, banding)).toBeGreaterThanOrEqual(RECALL_AT_THRESHOLD);
    expect(candidateProbability(threshold - 0.4, banding)).toBeLessThan(0.5);
  });
});

describe('findNearDuplicates', () => {
  const base =
    'The quarterly report shows revenue grew by twelve percent while costs stayed flat overall.';

  it('clusters a typo, a case change and an encoded copy, and leaves an unrelated text alone', () => {
    const texts = [
      base,
      base.replace('revenue', 'revnue'),
      base.toUpperCase(),
      base.replace('while', '&amp; while'),
      'Completely different words about gardening, tomatoes and the summer rain.',
    ];
    const found = findNearDuplicates(texts, OPTIONS);
    const cluster = found.clusterOf[0];
    expect([...found.clusterOf.slice(0, 4)]).toEqual([cluster, cluster, cluster, cluster]);
    expect(found.clusterOf[4]).toBe(4);
    // The upper-case copy and the encoded `&` (punctuation) normalise to the same text.
    expect(found.exactPairs).toBe(2);
    for (const pair of found.nearPairs) expect(pair.similarity).toBeGreaterThanOrEqual(0.8);
  });

  it('always clusters identical texts and never texts without a shared shingle', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-m ]{6,40}$/), { minLength: 1, maxLength: 8 }),
        fc.array(fc.stringMatching(/^[n-z]{6,40}$/), { minLength: 1, maxLength: 8 }),
        (left, right) => {
          const texts = [...left, ...left, ...right];
          const found = findNearDuplicates(texts, { ...OPTIONS, hashes: 32 });
          left.forEach((_, i) => {
            expect(found.clusterOf[i]).toBe(found.clusterOf[i + left.length]);
          });
          const leftClusters = new Set(found.clusterOf.slice(0, 2 * left.length));
          for (const cluster of found.clusterOf.slice(2 * left.length)) {
            expect(leftClusters.has(cluster)).toBe(false);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('never joins a verified pair below the threshold', () => {
    const texts = [base, base.slice(0, 45) + ' and then something else entirely was said here.'];
    const found = findNearDuplicates(texts, OPTIONS);
    expect(found.clusterOf[1]).toBe(1);
    expect(found.nearPairs).toEqual([]);
  });

  it('gives the same clusters for the same seed', () => {
    const texts = Array.from(
      { length: 50 },
      (_, i) => `${base} ${i % 7} ${i % 3 === 0 ? 'x' : ''}`,
    );
    const a = findNearDuplicates(texts, OPTIONS);
    const b = findNearDuplicates(texts, OPTIONS);
    expect([...a.clusterOf]).toEqual([...b.clusterOf]);
    expect(a.nearPairs).toEqual(b.nearPairs);
  });
});

describe('UnionFind', () => {
  it('joins sets transitively', () => {
    const sets = new UnionFind(5);
    expect(sets.union(0, 1)).toBe(true);
    expect(sets.union(3, 1)).toBe(true);
    expect(sets.union(0, 3)).toBe(false);
    expect(sets.find(3)).toBe(sets.find(0));
    expect(sets.find(4)).toBe(4);
  });
});
