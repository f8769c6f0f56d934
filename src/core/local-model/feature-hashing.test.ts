import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createNgramScratch,
  hashNgrams,
  hashNgramsInto,
  tokenize,
  type FeatureHashingOptions,
} from './feature-hashing.js';

const bucketsOf = (text: string, options: FeatureHashingOptions): number[] => {
  const out: number[] = [];
  hashNgrams(text, options, (bucket) => out.push(bucket));
  return out;
};

describe('tokenize', () => {
  it('lowercases and splits on anything that is not a letter, mark or digit', () => {
    expect(tokenize("Où est ma CARTE? J'attends 2 jours…")).toEqual([
      'où',
      'est',
      'ma',
      'carte',
      'j',
      'attends',
      '2',
      'jours',
    ]);
  });

  it('keeps words of other scripts whole, combining marks included', () => {
    expect(tokenize('Где моя карта? 我的卡 नमस्ते')).toEqual([
      'где',
      'моя',
      'карта',
      '我的卡',
      'नमस्ते',
    ]);
  });

  it('returns nothing for text without words', () => {
    expect(tokenize(' ?! … ')).toEqual([]);
  });
});

describe('hashNgrams', () => {
  const wordsOnly: FeatureHashingOptions = { features: 1 << 20, wordNgrams: 2, charNgrams: [0, 0] };

  it('emits every word n-gram once per occurrence', () => {
    expect(bucketsOf('a b', wordsOnly)).toHaveLength(3); // a, b, "a b"
    expect(bucketsOf('a b a', { ...wordsOnly, wordNgrams: 3 })).toHaveLength(6);
    const repeated = bucketsOf('x x', { ...wordsOnly, wordNgrams: 1 });
    expect(repeated[0]).toBe(repeated[1]);
  });

  it('tells word order apart in bigrams', () => {
    const ab = bucketsOf('a b', wordsOnly);
    const ba = bucketsOf('b a', wordsOnly);
    // Emitted as a, "a b", b: the bigram is in the middle.
    expect(new Set([ab[0], ab[2]])).toEqual(new Set([ba[0], ba[2]]));
    expect(ab[1]).not.toBe(ba[1]);
  });

  it('emits character n-grams of the space-padded word', () => {
    // " ab " has three 2-grams and two 3-grams.
    const options: FeatureHashingOptions = { features: 1 << 20, wordNgrams: 0, charNgrams: [2, 3] };
    expect(bucketsOf('ab', options)).toHaveLength(5);
    expect(bucketsOf('ab cd', options)).toHaveLength(10);
  });

  it('keeps a word and the same characters as an n-gram in different buckets', () => {
    const word = bucketsOf('ab', { features: 1 << 20, wordNgrams: 1, charNgrams: [0, 0] });
    const chars = bucketsOf('xaby', { features: 1 << 20, wordNgrams: 0, charNgrams: [2, 2] });
    expect(chars).not.toContain(word[0]);
  });

  it('stays inside the bucket range and spreads over it', () => {
    const options: FeatureHashingOptions = { features: 1000, wordNgrams: 2, charNgrams: [2, 5] };
    const buckets = bucketsOf(
      'the quick brown fox jumps over the lazy dog again and again',
      options,
    );
    for (const b of buckets) {
      expect(Number.isInteger(b)).toBe(true);
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(1000);
    }
    // A weak hash (e.g. FNV without a finalizer under a power-of-two modulus) clusters here.
    const low = bucketsOf('the quick brown fox jumps over the lazy dog', {
      ...options,
      features: 1 << 4,
    });
    expect(new Set(low).size).toBe(16);
  });

  it('is deterministic', () => {
    const options: FeatureHashingOptions = { features: 1 << 18, wordNgrams: 2, charNgrams: [2, 5] };
    expect(bucketsOf('Lost my card', options)).toEqual(bucketsOf('lost MY card', options));
  });
});

/** The original string-based hashing, kept to prove the in-place scan hashes the same. */
function referenceBuckets(text: string, options: FeatureHashingOptions): number[] {
  const fmix = (value: number): number => {
    let h = value;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  };
  const bucket = (h: number) => (fmix(h) >>> 0) % options.features;
  const fnv = (word: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    return h;
  };
  const words = tokenize(text);
  const hashes = words.map(fnv);
  const out: number[] = [];
  words.forEach((_, w) => {
    let h = hashes[w]!;
    for (let n = 1; n <= options.wordNgrams && w + n <= words.length; n++) {
      if (n > 1) h = Math.imul(h ^ n, 0x9e3779b1) ^ hashes[w + n - 1]!;
      out.push(bucket(h));
    }
  });
  const [minChar, maxChar] = options.charNgrams;
  if (minChar < 1 || maxChar < minChar) return out;
  for (const word of words) {
    const padded = ` ${word} `;
    for (let start = 0; start < padded.length; start++) {
      let h = 0x050c5d1f;
      for (let at = start; at < Math.min(padded.length, start + maxChar); at++) {
        h = Math.imul(h ^ padded.charCodeAt(at), 0x01000193);
        if (at - start + 1 >= minChar) out.push(bucket(h));
      }
    }
  }
  return out;
}

describe('hashNgramsInto', () => {
  const options: FeatureHashingOptions = { features: 1 << 18, wordNgrams: 2, charNgrams: [3, 5] };
  const tricky = [
    'É',
    'İ',
    'ß',
    'ǅ',
    '\u0301',
    '٣',
    '𝐀',
    '😀',
    '\ud800',
    '\udc00',
    ' ',
    '-',
    '_',
    '7',
  ];

  it('hashes exactly as the string-based words and n-grams, in any script', () => {
    const piece = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...tricky), fc.string());
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        (parts, n) => {
          const text = parts.join('');
          const wide = { ...options, wordNgrams: n, charNgrams: [1, n + 1] as const };
          for (const o of [options, wide, { ...options, features: 1000 }]) {
            expect(bucketsOf(text, o)).toEqual(referenceBuckets(text, o));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reuses one scratch across texts of any length', () => {
    const scratch = createNgramScratch();
    const long = 'lost card '.repeat(500);
    for (const text of ['hi', long, 'Où est ma carte', '']) {
      hashNgramsInto(text, options, scratch);
      expect(Array.from(scratch.buckets.subarray(0, scratch.size))).toEqual(
        referenceBuckets(text, options),
      );
    }
  });
});
